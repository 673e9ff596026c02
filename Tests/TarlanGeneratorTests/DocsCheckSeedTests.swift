import XCTest

@testable import TarlanSchemaTools

/// The seed pages as published: in both forms, each is matched to its operation and reports nothing
/// the schema does not already record.
final class DocsCheckSeedTests: XCTestCase {
    func testSchemaLoads() {
        XCTAssertFalse(DocsCheckTestSupport.schema.operations.isEmpty, "Schema/ must load")
    }

    func testEverySeedPageAsPublishedReportsNothing() throws {
        let seeds = try DocsCheckTestSupport.seeds()
        XCTAssertGreaterThanOrEqual(seeds.count, 5)
        var forms: Set<DocumentationPage.Form> = []
        for seed in seeds {
            let check = try DocsCheckTestSupport.check(seed.text, path: seed.name)
            forms.insert(check.form)
            guard case .operation = check.subject else {
                XCTFail("\(seed.name) matched \(check.subject), not an operation")
                continue
            }
            XCTAssertEqual(check.findings.map(\.message), [], seed.name)
            XCTAssertNil(check.stop, seed.name)
            XCTAssertTrue(check.compared.contains { $0.hasSuffix("samples") }, "\(seed.name): \(check.compared)")
        }
        XCTAssertEqual(forms, [.markdown, .plainText], "the seeds hold both published forms")
    }

    func testSeedPagesMatchTheirOperations() throws {
        let expected = [
            ("# Confirmation of funds debit", DocumentationPage.Form.markdown, "confirmInvoice", "method and URL"),
            ("Confirmation of funds debit\n", .plainText, "confirmInvoice", "method and URL"),
            // The rendered balance page shows `POST` alone; its URL is among the link targets at the end.
            ("Checking the remaining balance on the account\n", .plainText, "checkBalance", "method and URL"),
            ("# Creating a payment link", .markdown, "createPaymentLink", "method and URL"),
            ("# Verification of transaction status", .markdown, "getTransactionStatus", "method and URL"),
        ]
        for (marker, form, operation, matchedBy) in expected {
            let seed = try DocsCheckTestSupport.seed(containing: marker, form: form)
            let check = try DocsCheckTestSupport.check(seed.text, path: seed.name)
            XCTAssertEqual(check.subject, .operation(operation), seed.name)
            XCTAssertEqual(check.matchedBy, matchedBy, seed.name)
        }
    }

    /// Both forms of the confirmation page read to the same tables: the rendered text drops link-only
    /// cells, and rows are still told apart.
    func testBothFormsReadTheSameFields() throws {
        let markdown = try DocsCheckTestSupport.seed(containing: "# Confirmation of funds debit", form: .markdown)
        let plain = try DocsCheckTestSupport.seed(containing: "Confirmation of funds debit\n", form: .plainText)
        let fromMarkdown = try DocsCheckTestSupport.page(markdown.text, path: markdown.name)
        let fromPlain = try DocsCheckTestSupport.page(plain.text, path: plain.name)
        func summary(_ page: DocumentationPage) -> [String] {
            page.tables.map { table in
                table.heading + ": " + table.rows.map { "\($0.depth)\($0.name)\($0.required ? "*" : "") \($0.cells.count > 1 ? $0.cells[1] : "")" }
                    .joined(separator: ", ")
            }
        }
        XCTAssertEqual(summary(fromPlain).dropFirst(), summary(fromMarkdown).dropFirst())
        XCTAssertEqual(fromPlain.tables.first?.rows.map(\.name), ["Content-Type", "X-Signature"])
        XCTAssertEqual(fromMarkdown.tables.first?.rows.map(\.name), ["Content-Type", "X-Signature"])
        XCTAssertEqual(fromMarkdown.tables[1].rows.map(\.required), [true, false, true])
        XCTAssertEqual(fromPlain.method, "POST")
        XCTAssertEqual(fromPlain.url, fromMarkdown.url)
    }

    /// The transaction-status page's success sample is invalid JSON (a missing comma, a `//` comment,
    /// a footnote link inside `<pre>`): read leniently, it equals the schema's corrected body, which
    /// records the published text, so it is not drift; without that record it would be.
    func testInvalidPublishedJSONIsRecordedNotDrift() throws {
        let seed = try DocsCheckTestSupport.seed(containing: "# Verification of transaction status", form: .markdown)
        let page = try DocsCheckTestSupport.page(seed.text, path: seed.name)
        let success = try XCTUnwrap(page.examples.first { $0.label.contains("200") })
        let read = try XCTUnwrap(SampleReading.json(success.text))
        XCTAssertNotNil(read.invalidBecause)
        XCTAssertEqual(read.value["result"]?["bank_message"], .string(""))

        var schema = DocsCheckTestSupport.schema
        schema.operations["getTransactionStatus"]?.examples["success"]?.asDocumented = nil
        let check = try DocsCheck.check(page, against: schema)
        XCTAssertEqual(check.findings.map(\.kind), [.exampleChanged])
        XCTAssertEqual(check.findings.first?.pointer, "/operations/getTransactionStatus/examples/success/asDocumented")
    }
}
