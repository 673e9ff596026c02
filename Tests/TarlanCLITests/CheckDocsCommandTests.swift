import Foundation
import XCTest

/// `tarlan-generator check-docs` as a maintainer runs it: exit status 0/1/2/64, Markdown and JSON.
final class CheckDocsCommandTests: XCTestCase {
    private var schema: String { CommandRunner.packageRoot.appendingPathComponent("Schema").path }

    private func seedPaths() throws -> [String] {
        let seeds = CommandRunner.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard FileManager.default.fileExists(atPath: seeds.path) else {
            throw XCTSkip("no seed pages at \(seeds.path) (../shared beside the package)")
        }
        return try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted().map { seeds.appendingPathComponent($0).path }
    }

    private func temporaryPage(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("check-docs-\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// Parsed with Foundation on purpose: independent of the code under test.
    private func findings(_ output: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        return try XCTUnwrap(object?["findings"] as? [[String: Any]])
    }

    func testSeedPagesAsPublishedHaveNoDrift() throws {
        let pages = try seedPaths()
        let markdown = try CommandRunner.run("tarlan-generator", ["check-docs"] + pages + ["--schema", schema])
        XCTAssertEqual(markdown.status, 0, markdown.standardError + markdown.standardOutput)
        XCTAssertTrue(markdown.standardOutput.contains("No drift"), markdown.standardOutput)

        let json = try CommandRunner.run("tarlan-generator", ["check-docs", "--format", "json", "--schema", schema] + pages)
        XCTAssertEqual(json.status, 0, json.standardError)
        XCTAssertEqual(try findings(json.standardOutput).count, 0)
    }

    func testDriftExitsOneWithTheFinding() throws {
        let page = try seedPaths().first { (try? String(contentsOfFile: $0, encoding: .utf8))?.hasPrefix("# Creating a payment link") == true }
        let text = try String(contentsOfFile: try XCTUnwrap(page), encoding: .utf8)
            .replacingOccurrences(of: "| `service`<mark style=\"color:red;\">`*`</mark>    | String  |", with: "| `service`<mark style=\"color:red;\">`*`</mark>    | Integer |")
        let edited = try temporaryPage("link.md", text)
        let result = try CommandRunner.run("tarlan-generator", ["check-docs", edited, "--schema", schema, "--format", "json"])
        XCTAssertEqual(result.status, 1, result.standardError)
        let found = try findings(result.standardOutput)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?["kind"] as? String, "typeChanged")
        XCTAssertEqual(found.first?["field"] as? String, "service")
        XCTAssertEqual(found.first?["operation"] as? String, "createPaymentLink")
        XCTAssertEqual(found.first?["pointer"] as? String, "/models/CreatePaymentLinkRequest/fields/service/type")
        XCTAssertEqual(found.first?["page"] as? String, edited)

        let markdown = try CommandRunner.run("tarlan-generator", ["check-docs", edited, "--schema", schema])
        XCTAssertEqual(markdown.status, 1)
        XCTAssertTrue(markdown.standardOutput.contains("| typeChanged | `service` |"), markdown.standardOutput)
    }

    func testUnreadablePageExitsTwoWithItsLocation() throws {
        let page = try temporaryPage("broken.md", "# Refund\n\n`POST` <https://prapi.tarlanpayments.kz/x>\n\n{% endtabs %}\n")
        let result = try CommandRunner.run("tarlan-generator", ["check-docs", page, "--schema", schema])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("\(page):5: error: "), result.standardError)
    }

    func testNewOperationDraft() throws {
        let page = try temporaryPage("cancel.txt", """
            Cancel a payment

            POST https://agwsapi.tarlanpayments.kz/showcase-gateway/api/v1/action/cancel

            Body

            Name
            Type
            Description

            agent*

            String

            Showcase code

            Last updated
            """)
        let result = try CommandRunner.run("tarlan-generator", ["check-docs", page, "--schema", schema, "--format", "json", "--draft"])
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertEqual(try findings(result.standardOutput).first?["kind"] as? String, "newOperation")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let drafts = try XCTUnwrap(object?["drafts"] as? [String: [String: Any]])
        let operations = try XCTUnwrap(drafts["cancelAPayment"]?["operations"] as? [String: [String: Any]])
        XCTAssertEqual(operations["cancelAPayment"]?["path"] as? String, "/showcase-gateway/api/v1/action/cancel")
    }

    func testUsageErrorsExit64() throws {
        for arguments in [["check-docs"], ["check-docs", "page.md", "--format", "xml"], ["check-docs", "page.md", "--bogus"], ["check-docs", "--schema"]] {
            let result = try CommandRunner.run("tarlan-generator", arguments)
            XCTAssertEqual(result.status, 64, "\(arguments)")
            XCTAssertTrue(result.standardError.contains("usage: tarlan-generator check-docs"), "\(arguments): \(result.standardError)")
        }
    }
}
