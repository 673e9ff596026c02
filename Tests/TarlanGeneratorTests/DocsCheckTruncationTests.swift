import XCTest

@testable import TarlanCore
@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// Cut-off pages report what they show and where they stop, never what they cannot show as removed;
/// pages that are not documentation fail with a located error; `--draft` gives a loadable fragment.
final class DocsCheckTruncationTests: XCTestCase {
    private typealias Support = DocsCheckTestSupport

    /// Cut inside the Markdown page's response table (an HTML table): the response fields after the
    /// cut are not reported as removed, and the stop is located.
    func testMarkdownPageCutInsideATable() throws {
        let text = try Support.seed(containing: "# Confirmation of funds debit", form: .markdown).text
        let end = try XCTUnwrap(text.range(of: "<td>-external_id</td>")).lowerBound
        let cut = String(text[..<end])
        let check = try Support.check(cut)
        XCTAssertEqual(check.subject, .operation("confirmInvoice"))
        XCTAssertEqual(check.findings.map(\.message), [])
        let stop = try XCTUnwrap(check.stop)
        XCTAssertEqual(stop.line, cut.components(separatedBy: "\n").count)
        XCTAssertTrue(stop.reason.contains("not closed"), stop.reason)
        // The rows closed before the cut are still compared.
        XCTAssertTrue(check.compared.contains("6 response fields"), "\(check.compared)")
    }

    /// Cut in the middle of a word of the rendered page's body table: the body fields after the cut
    /// are not reported, the half word is not read as a field.
    func testPlainPageCutMidWord() throws {
        let text = try Support.seed(containing: "Confirmation of funds debit\n", form: .plainText).text
        let end = try XCTUnwrap(text.range(of: "rm_code\n")).lowerBound
        let cut = String(text[..<end])
        let check = try Support.check(cut)
        XCTAssertEqual(check.findings.map(\.message), [])
        XCTAssertNotNil(check.stop)
        XCTAssertTrue(check.compared.contains("1 request fields"), "\(check.compared)")
    }

    /// What a cut page shows is still compared.
    func testCutPageStillReportsWhatItShows() throws {
        let text = try Support.seed(containing: "Confirmation of funds debit\n", form: .plainText).text
        let edited = Support.edit(text, "agent*\n\nString", "agent*\n\nInteger")
        let end = try XCTUnwrap(edited.range(of: "Payment ID on the showcase side")).lowerBound
        let cut = String(edited[..<end])
        let check = try Support.check(cut)
        Support.assertOneFinding(check, .typeChanged, field: "agent", pointer: "/models/ConfirmInvoiceRequest/fields/agent/type")
        XCTAssertNotNil(check.stop)
    }

    /// Every cut of every seed page reads without a false finding (only the Markdown curl's own URL and
    /// cuts inside a number of a JSON sample could mislead; samples are compared only when complete).
    func testNoCutOfASeedPageReportsDrift() throws {
        for seed in try Support.seeds() {
            let bytes = Array(seed.text.utf8)
            for length in stride(from: 1, to: bytes.count, by: 29) {
                let prefix = Array(bytes[..<length])
                guard let page = try? PageReader.read(prefix, path: seed.name),
                      let check = try? DocsCheck.check(page, against: Support.schema)
                else { continue }
                XCTAssertEqual(check.findings.map(\.message), [], "\(seed.name) cut at byte \(length)")
            }
        }
    }

    func testUnreadablePagesFailWithALocatedError() {
        let cases: [(String, [UInt8], Int, String)] = [
            ("binary", [0x50, 0x4B, 0x0A, 0x00, 0x01], 2, "binary"),
            ("latin1", Array("# Title\n\ncaf".utf8) + [0xE9, 0x20, 0x78, 0x0A, 0x79, 0x0A], 3, "UTF-8"),
            ("empty", Array(" \n\n".utf8), 1, "empty"),
            ("stray tab", Array("# Refund\n\n`POST` <https://x.kz/a>\n\n{% endtab %}\n".utf8), 5, "{% endtab %}"),
            ("ragged table", Array("# Refund\n\n| Name | Type |\n| --- | --- |\n| a | String | extra |\n| b | String |\n".utf8), 5, "3 cells"),
        ]
        for (name, bytes, line, words) in cases {
            XCTAssertThrowsError(try PageReader.read(bytes, path: "\(name).md"), name) { error in
                let failure = error as? PageReadError
                XCTAssertEqual(failure?.line, line, name)
                XCTAssertTrue(failure?.description.hasPrefix("\(name).md:\(line): error: ") == true, "\(String(describing: failure))")
                XCTAssertTrue(failure?.message.contains(words) == true, "\(String(describing: failure))")
            }
        }
    }

    func testAPageWithNothingToCompareIsNotDocumentation() throws {
        let page = try PageReader.read(Array("Welcome\n\nSome prose about payments.\n".utf8), path: "prose.txt")
        XCTAssertThrowsError(try DocsCheck.check(page, against: Support.schema)) { error in
            XCTAssertEqual((error as? PageReadError)?.description.hasPrefix("prose.txt:1: error: "), true)
        }
    }

    /// A page documenting an endpoint the schema lacks is a new operation; its draft loads as a schema document.
    func testNewOperationAndItsDraft() throws {
        let text = """
            # Cancel a payment

            <mark style="color:green;">`POST`</mark> <https://agwsapi.tarlanpayments.kz/showcase-gateway/api/v1/action/cancel>

            **Body**

            | Name | Type | Description |
            | ---- | ---- | ----------- |
            | `agent`<mark style="color:red;">`*`</mark> | String | Showcase code |
            | `amount` | Float | Amount to cancel |

            **Response**

            | Name | Type | Description |
            | ---- | ---- | ----------- |
            | status | bool | Request processing status |
            | result | Object | The result |
            | -is_cancelled | bool | Whether it was cancelled |

            ```json
            {"status": true, "status_code": 0, "message": "Success", "result": {"is_cancelled": true}}
            ```

            """
        let page = try Support.page(text, path: "cancel.md")
        let check = try DocsCheck.check(page, against: Support.schema)
        XCTAssertEqual(check.subject, .new(suggestedID: "cancelAPayment"))
        Support.assertOneFinding(check, .newOperation, field: nil, pointer: "/operations/cancelAPayment")

        var fragment = try XCTUnwrap(OperationDraft.fragment(for: page, id: "cancelAPayment", schema: Support.schema).objectValue)
        let operation = try XCTUnwrap(fragment["operations"]?["cancelAPayment"])
        XCTAssertEqual(operation["section"], .string("agws"))
        XCTAssertEqual(operation["path"], .string("/showcase-gateway/api/v1/action/cancel"))
        XCTAssertEqual(fragment["models"]?["CancelAPaymentRequest"]?["fields"]?["amount"]?["type"], .string("decimal"))
        XCTAssertEqual(fragment["models"]?["CancelAPaymentRequest"]?["fields"]?["agent"]?["required"], .bool(true))
        XCTAssertEqual(fragment["models"]?["CancelAPaymentResult"]?["fields"]?["is_cancelled"]?["type"], .string("boolean"))

        fragment["$schema"] = .string("./tarlan-api.schema.json")
        let files = try GeneratorTestSupport.schemaFiles(
            in: GeneratorTestSupport.packageRoot.appendingPathComponent("Schema"), displayPrefix: "Schema/"
        ) + [GeneratorTestSupport.file("Schema/draft.json", JSONPrettyPrinter.string(.object(fragment)))]
        let schema = try SchemaLoader.load(files)
        XCTAssertNotNil(schema.operations["cancelAPayment"])
        // Once the draft is in the schema, the page no longer reports drift.
        XCTAssertEqual(try DocsCheck.check(page, against: schema).findings.map(\.message), [])
    }

    func testJSONReportShape() throws {
        let text = Support.edit(
            try Support.seed(containing: "Confirmation of funds debit\n", form: .plainText).text, "agent*\n\nString", "agent*\n\nInteger"
        )
        let report = DocsCheckReport(pages: [try Support.check(text, path: "confirm.txt")])
        let json = try JSONParser.parse(Array(DocsCheckRenderer.render(report, as: .json).utf8))
        let findings = try XCTUnwrap(json["findings"]?.arrayValue)
        XCTAssertEqual(findings.count, 1)
        XCTAssertEqual(findings.first?.objectValue.map { Set($0.keys) }, ["page", "operation", "kind", "field", "pointer", "message"])
        XCTAssertEqual(findings.first?["kind"], .string("typeChanged"))
        XCTAssertEqual(findings.first?["operation"], .string("confirmInvoice"))
        XCTAssertEqual(findings.first?["page"], .string("confirm.txt"))
        let markdown = DocsCheckRenderer.render(report, as: .markdown)
        XCTAssertTrue(markdown.contains("| typeChanged | `agent` | `/models/ConfirmInvoiceRequest/fields/agent/type` |"), markdown)
    }
}
