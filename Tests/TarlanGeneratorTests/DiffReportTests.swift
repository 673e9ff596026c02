import Foundation
import TarlanCore
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// The diff's Markdown and JSON reports (snapshots of one mixed diff) and the
/// `tarlan-generator diff` command's output and exit statuses.
final class DiffReportTests: XCTestCase {
    /// Two breaking changes (one for Swift code, one on the wire) and two that are not.
    private let mixedEdit: (inout JSONValue) -> Void = { json in
        json[path: "models", "PingRequest", "fields", "comment"] = nil
        json[path: "operations", "listItems", "path"] = "/v2/items"
        json[path: "models", "PingResult", "fields", "note"] = ["type": "string"]
        json[path: "operations", "ping", "summary"] = "Ping | probe the gateway"
    }

    /// A change that breaks nothing: an optional response field.
    private let compatibleEdit: (inout JSONValue) -> Void = { json in
        json[path: "models", "PingResult", "fields", "note"] = ["type": "string"]
    }

    func testMarkdownSnapshot() throws {
        let report = try DiffSchema.report(mixedEdit)
        XCTAssertEqual(
            DiffReportRenderer.render(report, as: .markdown),
            """
            ## Schema changes

            **4 changes**: 2 breaking (1 for Swift code, 1 on the wire), 2 non-breaking.

            ### Breaking changes

            | Symbol | Where | Change | Swift | Wire |
            |---|---|---|---|---|
            | `DemoClient.listItems(_:options:)` | `Schema/diff.json#/operations/listItems/path` | path changed from `/items` to `/v2/items` | compatible | breaking |
            | `PingRequest.comment` | `Schema/diff.json#/models/PingRequest/fields/comment` | field `comment` removed | breaking | compatible |

            ### Non-breaking changes

            | Symbol | Where | Change | Swift | Wire |
            |---|---|---|---|---|
            | `DemoClient.ping(_:options:)` | `Schema/diff.json#/operations/ping/summary` | summary changed: "Ping the gateway" → "Ping \\| probe the gateway" | compatible | compatible |
            | `PingResult.note` | `Schema/diff.json#/models/PingResult/fields/note` | optional field `note` (`String?`) added | compatible | compatible |

            """
        )
    }

    func testMarkdownWithoutBreakingChanges() throws {
        let report = try DiffSchema.report(compatibleEdit)
        let markdown = DiffReportRenderer.markdown(report)
        XCTAssertTrue(markdown.contains("**1 change**: 0 breaking, 1 non-breaking.\n\n### Breaking changes\n\nNone.\n"), markdown)
    }

    func testJSONSnapshot() throws {
        let report = try DiffSchema.report(mixedEdit)
        let json = DiffReportRenderer.render(report, as: .json)
        XCTAssertEqual(
            json,
            #"""
            {
              "counts": {
                "breaking": 2,
                "swiftBreaking": 1,
                "wireBreaking": 1,
                "nonBreaking": 2,
                "total": 4
              },
              "changes": [
                {
                  "kind": "pathChanged",
                  "breaking": true,
                  "swiftBreaking": false,
                  "wireBreaking": true,
                  "subject": "operation listItems",
                  "pointer": "/operations/listItems/path",
                  "file": "Schema/diff.json",
                  "symbol": "DemoClient.listItems(_:options:)",
                  "message": "path changed from `/items` to `/v2/items`"
                },
                {
                  "kind": "fieldRemoved",
                  "breaking": true,
                  "swiftBreaking": true,
                  "wireBreaking": false,
                  "subject": "model PingRequest",
                  "pointer": "/models/PingRequest/fields/comment",
                  "file": "Schema/diff.json",
                  "symbol": "PingRequest.comment",
                  "message": "field `comment` removed"
                },
                {
                  "kind": "documentationChanged",
                  "breaking": false,
                  "swiftBreaking": false,
                  "wireBreaking": false,
                  "subject": "operation ping",
                  "pointer": "/operations/ping/summary",
                  "file": "Schema/diff.json",
                  "symbol": "DemoClient.ping(_:options:)",
                  "message": "summary changed: \"Ping the gateway\" → \"Ping | probe the gateway\""
                },
                {
                  "kind": "fieldAdded",
                  "breaking": false,
                  "swiftBreaking": false,
                  "wireBreaking": false,
                  "subject": "model PingResult",
                  "pointer": "/models/PingResult/fields/note",
                  "file": "Schema/diff.json",
                  "symbol": "PingResult.note",
                  "message": "optional field `note` (`String?`) added"
                }
              ]
            }

            """#
        )
        // Valid JSON, and the same data.
        let parsed = try JSONParser.parse(Array(json.utf8))
        XCTAssertEqual(parsed[path: "counts", "breaking"], 2)
        XCTAssertEqual(parsed["changes"]?.arrayValue?.count, report.changes.count)
    }

    func testEmptyReports() {
        let empty = SchemaDiffReport(changes: [])
        XCTAssertEqual(DiffReportRenderer.markdown(empty), "## Schema changes\n\nNo changes.\n")
        XCTAssertEqual(
            DiffReportRenderer.json(empty),
            "{\n  \"counts\": {\n    \"breaking\": 0,\n    \"swiftBreaking\": 0,\n    \"wireBreaking\": 0,\n    \"nonBreaking\": 0,\n    \"total\": 0\n  },\n  \"changes\": []\n}\n"
        )
    }

    // MARK: The command

    /// `OLD/Schema/diff.json` and `NEW/Schema/diff.json`.
    private func folders(new newText: String) throws -> (old: URL, new: URL, root: URL) {
        let root = try GeneratorExecutable.temporaryDirectory("diff")
        let old = root.appendingPathComponent("old/Schema")
        let new = root.appendingPathComponent("new/Schema")
        for (folder, text) in [(old, DiffSchema.text), (new, newText)] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: folder.appendingPathComponent("diff.json"))
            // Never read: the JSON Schema of the format.
            try Data("not a schema document".utf8).write(to: folder.appendingPathComponent("tarlan-api.schema.json"))
        }
        return (old, new, root)
    }

    func testIdenticalSchemasExitZeroWithNoChanges() throws {
        let (old, new, root) = try folders(new: DiffSchema.text)
        defer { try? FileManager.default.removeItem(at: root) }
        for extra in [[], ["--fail-on-breaking"]] {
            let result = try GeneratorExecutable.run(["diff", old.path, new.path] + extra)
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertEqual(result.standardOutput, "## Schema changes\n\nNo changes.\n")
            XCTAssertEqual(result.standardError, "")
        }
    }

    func testNonBreakingChangesExitZero() throws {
        let edited = try DiffSchema.edited(compatibleEdit)
        let (old, new, root) = try folders(new: edited)
        defer { try? FileManager.default.removeItem(at: root) }
        for extra in [[], ["--fail-on-breaking"]] {
            let result = try GeneratorExecutable.run(["diff", old.path, new.path] + extra)
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertTrue(result.standardOutput.contains("**1 change**: 0 breaking, 1 non-breaking."), result.standardOutput)
            XCTAssertTrue(result.standardOutput.contains("`Schema/diff.json#/models/PingResult/fields/note`"), result.standardOutput)
        }
    }

    func testBreakingChangesExitOneOnlyWithFailOnBreaking() throws {
        let (old, new, root) = try folders(new: try DiffSchema.edited(mixedEdit))
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = try GeneratorExecutable.run(["diff", old.path, new.path])
        XCTAssertEqual(plain.status, 0, plain.standardError)
        XCTAssertEqual(plain.standardOutput, DiffReportRenderer.markdown(try DiffSchema.report(mixedEdit)))

        let failing = try GeneratorExecutable.run(["diff", "--fail-on-breaking", old.path, new.path])
        XCTAssertEqual(failing.status, 1, failing.standardError)
        XCTAssertEqual(failing.standardOutput, plain.standardOutput)

        for format in [["--format", "json"], ["--format=json"]] {
            let json = try GeneratorExecutable.run(["diff", old.path, new.path, "--fail-on-breaking"] + format)
            XCTAssertEqual(json.status, 1, json.standardError)
            XCTAssertEqual(json.standardOutput, DiffReportRenderer.json(try DiffSchema.report(mixedEdit)))
        }
    }

    func testSingleFilesCanBeCompared() throws {
        let (old, new, root) = try folders(new: try DiffSchema.edited(mixedEdit))
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try GeneratorExecutable.run([
            "diff", old.appendingPathComponent("diff.json").path, new.appendingPathComponent("diff.json").path, "--format", "json",
        ])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("\"file\": \"diff.json\""), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("\"total\": 4"), result.standardOutput)
    }

    func testUnreadableInputExitsTwoWithALocatedDiagnostic() throws {
        // A missing comma: the parser stops at the next member.
        let broken = GeneratorTestSupport.replacing(#""path": "/ping","#, with: #""path": "/ping""#, in: DiffSchema.text)
        let (old, new, root) = try folders(new: broken)
        defer { try? FileManager.default.removeItem(at: root) }
        let position = GeneratorTestSupport.position(of: #""request": { "in": "body""#, in: broken)
        let result = try GeneratorExecutable.run(["diff", old.path, new.path, "--fail-on-breaking"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.standardOutput, "")
        let file = new.appendingPathComponent("diff.json").path
        XCTAssertTrue(
            result.standardError.hasPrefix("\(file):\(position.line):\(position.column): error: invalid JSON: "),
            result.standardError
        )

        let missing = try GeneratorExecutable.run(["diff", old.path, root.appendingPathComponent("nowhere").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.standardError.contains("nowhere:1:1: error: no such file or folder"), missing.standardError)

        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let nothing = try GeneratorExecutable.run(["diff", empty.path, new.path])
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.standardError.contains("error: no schema documents"), nothing.standardError)
    }

    func testBadUsageExits64() throws {
        let (old, new, root) = try folders(new: DiffSchema.text)
        defer { try? FileManager.default.removeItem(at: root) }
        for arguments in [
            ["diff"],
            ["diff", old.path],
            ["diff", old.path, new.path, new.path],
            ["diff", old.path, new.path, "--format", "yaml"],
            ["diff", old.path, new.path, "--format"],
            ["diff", old.path, new.path, "--format=yaml"],
            ["diff", old.path, new.path, "--fail-on-breakage"],
        ] {
            let result = try GeneratorExecutable.run(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("usage: tarlan-generator diff OLD NEW"), result.standardError)
            XCTAssertEqual(result.standardOutput, "")
        }
    }

    func testRealSchemaFolderAgainstItself() throws {
        let schema = GeneratorTestSupport.packageRoot.appendingPathComponent("Schema").path
        let result = try GeneratorExecutable.run(["diff", schema, schema, "--fail-on-breaking"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "## Schema changes\n\nNo changes.\n")
    }
}
