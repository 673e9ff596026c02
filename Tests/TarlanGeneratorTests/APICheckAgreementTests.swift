import Foundation
import TarlanCore
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// The classifier's `swiftBreaking` verdicts against Swift's own API checker: every row of a table
/// of schema edits goes through both (the classifier on the schemas, `swift-api-digester` on the
/// modules generated from them), and both must give the row's expected verdict and agree change
/// by change. One `swiftc -emit-module` per row (the base module is built once), against the
/// runtime this test build already compiled: seconds, not a package build.
final class APICheckAgreementTests: XCTestCase {
    struct Row: Sendable {
        var name: String
        /// A change of this kind must be in the report.
        var kind: SchemaChange.Kind
        var swiftBreaking: Bool
        /// Compare the edited schema with the base instead (to add what the base already has).
        var reversed = false
        var edit: @Sendable (inout JSONValue) -> Void
    }

    /// `DiffSchema` made valid for generation (the diff itself never validates): `ping` says it has
    /// no status operation, `listItems` is a read and lists the section's expected error format.
    static func baseText() throws -> String {
        try edited(DiffSchema.text) { json in
            json[path: "operations", "ping", "reconcile"] = ["note": "The demo has no status operation."]
            json[path: "operations", "listItems", "idempotent"] = true
            json[path: "operations", "listItems", "errorFormats"] = ["old", "newExpected"]
        }
    }

    static func edited(_ text: String, _ edit: (inout JSONValue) -> Void) throws -> String {
        var value = try JSONParser.parse(Array(text.utf8))
        edit(&value)
        return JSONPrettyPrinter.string(value) + "\n"
    }

    static let rows: [Row] = [
        Row(name: "optional response field made required", kind: .fieldMadeRequired, swiftBreaking: true) { json in
            json[path: "models", "PingResult", "fields", "balance", "required"] = true
            json[path: "operations", "ping", "examples", "success", "body", "result", "balance"] = 10
        },
        Row(name: "required response field made optional", kind: .fieldMadeOptional, swiftBreaking: true) { json in
            json[path: "models", "PingResult", "fields", "state", "required"] = false
        },
        Row(name: "enum case added", kind: .enumCaseAdded, swiftBreaking: true) { json in
            json[path: "enums", "PingState", "cases", "pending"] = ["value": "3"]
        },
        Row(name: "enum case removed", kind: .enumCaseRemoved, swiftBreaking: true) { json in
            json[path: "enums", "PingState", "cases", "failed"] = nil
        },
        Row(name: "optional request field added", kind: .fieldAdded, swiftBreaking: false) { json in
            json[path: "models", "PingRequest", "fields", "reference"] = ["type": "string"]
        },
        Row(name: "required request field added", kind: .fieldAdded, swiftBreaking: true) { json in
            json[path: "models", "PingRequest", "fields", "reference"] = ["type": "string", "required": true]
        },
        Row(name: "optional response field added", kind: .fieldAdded, swiftBreaking: false) { json in
            json[path: "models", "PingResult", "fields", "note"] = ["type": "string"]
        },
        Row(name: "required response field added", kind: .fieldAdded, swiftBreaking: true) { json in
            json[path: "models", "PingResult", "fields", "code"] = ["type": "integer", "required": true]
            json[path: "operations", "ping", "examples", "success", "body", "result", "code"] = 7
        },
        Row(name: "field removed", kind: .fieldRemoved, swiftBreaking: true) { json in
            json[path: "models", "PingRequest", "fields", "comment"] = nil
        },
        Row(name: "field renamed", kind: .fieldRenamed, swiftBreaking: true) { json in
            json[path: "models", "PingResult", "fields", "grand_total"] = json[path: "models", "PingResult", "fields", "total"]
            json[path: "models", "PingResult", "fields", "total"] = nil
        },
        Row(name: "JSON key renamed, Swift property kept", kind: .fieldRenamed, swiftBreaking: false) { json in
            var field = json[path: "models", "PingResult", "fields", "total"]!
            field[path: "swiftName"] = "total"
            json[path: "models", "PingResult", "fields", "sum"] = field
            json[path: "models", "PingResult", "fields", "total"] = nil
        },
        Row(name: "field type changed", kind: .fieldTypeChanged, swiftBreaking: true) { json in
            json[path: "models", "Amount", "fields", "value", "type"] = "string"
        },
        Row(name: "operation added", kind: .operationAdded, swiftBreaking: false) { json in
            var copy = json[path: "operations", "listItems"]!
            copy[path: "path"] = "/items/archived"
            json[path: "operations", "listArchivedItems"] = copy
        },
        Row(name: "operation removed", kind: .operationRemoved, swiftBreaking: true) { json in
            json[path: "operations", "listItems"] = nil
        },
        Row(name: "operation renamed", kind: .operationRenamed, swiftBreaking: true) { json in
            json[path: "operations", "fetchItems"] = json[path: "operations", "listItems"]
            json[path: "operations", "listItems"] = nil
        },
        Row(name: "client renamed", kind: .clientRenamed, swiftBreaking: true) { json in
            json[path: "sections", "demo", "swiftPrefix"] = "Sample"
        },
        Row(name: "operation path changed", kind: .pathChanged, swiftBreaking: false) { json in
            json[path: "operations", "listItems", "path"] = "/v2/items"
        },
        Row(name: "server added", kind: .serverAdded, swiftBreaking: true, reversed: true) { json in
            json[path: "sections", "demo", "servers", "sandbox"] = nil
        },
        Row(name: "signing header changed", kind: .signingChanged, swiftBreaking: false) { json in
            json[path: "sections", "demo", "signing", "headerName"] = "Authorization"
        },
        // A callback's payload, and what it reaches, is read leniently: every property optional.
        Row(name: "callback removed (its payload no longer read leniently)", kind: .callbackRemoved, swiftBreaking: true) { json in
            json[path: "callbacks", "orderPaid"] = nil
        },
        Row(name: "callback payload field made required", kind: .fieldMadeRequired, swiftBreaking: false, reversed: true) { json in
            json[path: "models", "NotifyPayload", "fields", "paid", "required"] = false
        },
        Row(name: "required callback payload field added", kind: .fieldAdded, swiftBreaking: false) { json in
            json[path: "models", "NotifyPayload", "fields", "amount"] = ["type": "integer", "required": true]
        },
        // …and so is every model it reaches: `Amount`'s properties become optional.
        Row(name: "callback payload reaches another model", kind: .fieldTypeChanged, swiftBreaking: true) { json in
            json[path: "models", "NotifyPayload", "fields", "total"] = ["ref": "Amount"]
        },
        Row(name: "model added", kind: .modelAdded, swiftBreaking: false) { json in
            json[path: "models", "Extra"] = ["fields": ["x": ["type": "string"]]]
        },
    ]

    func testClassifierAndAPICheckerAgreeOnEveryRow() throws {
        let verifier = try Self.verifier()
        let work = try GeneratorExecutable.temporaryDirectory("api-check")
        defer { try? FileManager.default.removeItem(at: work) }
        let baseText = try Self.baseText()
        let base = try DiffSchema.load(baseText)
        let baseDump = try verifier.dumpAPI([GeneratorTestSupport.file(DiffSchema.path, baseText)], side: "base", in: work)

        // The base against itself: nothing to report on either side.
        let same = try verifier.compare(SchemaDiff.compare(base, base), oldDump: baseDump, newDump: baseDump, in: work)
        XCTAssertEqual(same.apiCheck?.findings, [])

        for (index, row) in Self.rows.enumerated() {
            let text = try Self.edited(baseText, row.edit)
            let edited = try DiffSchema.load(text)
            let report = row.reversed ? SchemaDiff.compare(edited, base) : SchemaDiff.compare(base, edited)
            XCTAssertTrue(report.changes.contains { $0.kind == row.kind }, "\(row.name): \(Self.describe(report))")
            XCTAssertEqual(
                report.changes.contains(where: \.swiftBreaking), row.swiftBreaking,
                "classifier on \(row.name): \(Self.describe(report))"
            )

            let dump = try verifier.dumpAPI([GeneratorTestSupport.file(DiffSchema.path, text)], side: "row\(index)", in: work)
            let checked = try row.reversed
                ? verifier.compare(report, oldDump: dump, newDump: baseDump, in: work)
                : verifier.compare(report, oldDump: baseDump, newDump: dump, in: work)
            let findings = checked.apiCheck?.findings ?? []
            XCTAssertEqual(
                findings.contains(where: \.breaksSource), row.swiftBreaking,
                "swift-api-digester on \(row.name): \(findings.map(\.text))"
            )
            XCTAssertEqual(checked.apiCheckDisagreements, 0, "\(row.name):\n\(DiffReportRenderer.markdown(checked))")
        }
    }

    /// `tarlan-generator diff --verify-api` puts the checker's verdicts in both reports.
    func testCommandAddsTheCheckerToBothReports() throws {
        _ = try Self.verifier()
        let root = try GeneratorExecutable.temporaryDirectory("api-check-command")
        defer { try? FileManager.default.removeItem(at: root) }
        let (old, new) = (root.appendingPathComponent("old.json"), root.appendingPathComponent("new.json"))
        let baseText = try Self.baseText()
        try Data(baseText.utf8).write(to: old)
        let edited = try Self.edited(baseText) { json in
            json[path: "models", "PingResult", "fields", "balance", "required"] = true
            json[path: "operations", "ping", "examples", "success", "body", "result", "balance"] = 10
            json[path: "models", "PingRequest", "fields", "reference"] = ["type": "string"]
        }
        try Data(edited.utf8).write(to: new)
        let folder = GeneratorExecutable.buildDirectory.path

        let markdown = try GeneratorExecutable.run(["diff", old.path, new.path, "--verify-api", "--build-folder", folder])
        XCTAssertEqual(markdown.status, 0, markdown.standardError)
        let balanceRow = "| `PingResult.balance` | `new.json#/models/PingResult/fields/balance/required` | response field `balance` made "
            + "required: the property is no longer optional, and answers without it no longer decode | breaking | breaking | agrees |"
        XCTAssertTrue(markdown.standardOutput.contains(balanceRow), markdown.standardOutput)
        XCTAssertTrue(
            markdown.standardOutput.contains(
                "* `PingResult.balance`: Var PingResult.balance has declared type change from Swift.Double? to Swift.Double"
            ),
            markdown.standardOutput
        )
        XCTAssertTrue(markdown.standardOutput.contains("no disagreement."), markdown.standardOutput)

        let json = try GeneratorExecutable.run(["diff", old.path, new.path, "--verify-api", "--build-folder", folder, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.standardError)
        let parsed = try JSONParser.parse(Array(json.standardOutput.utf8))
        XCTAssertEqual(parsed[path: "apiCheck", "disagreements"], 0)
        let changes = try XCTUnwrap(parsed["changes"]?.arrayValue)
        let reference = try XCTUnwrap(changes.first { $0["symbol"] == "PingRequest.reference" })
        XCTAssertEqual(reference["swiftBreaking"], false)
        XCTAssertEqual(reference[path: "apiCheck", "swiftBreaking"], false)
        XCTAssertEqual(reference[path: "apiCheck", "agrees"], true)
        // The digester calls the old initialiser removed; the new one takes every call as written.
        let findings = try XCTUnwrap(parsed[path: "apiCheck", "findings"]?.arrayValue)
        XCTAssertTrue(findings.contains { $0["breaksSource"] == false && $0["note"]?.stringValue?.contains("source-compatible") == true })
    }

    /// Without a runtime to compile against, the command says so and exits 2.
    func testCommandWithoutABuiltRuntimeExitsTwo() throws {
        let root = try GeneratorExecutable.temporaryDirectory("api-check-nothing")
        defer { try? FileManager.default.removeItem(at: root) }
        let schema = root.appendingPathComponent("diff.json")
        try Data(DiffSchema.text.utf8).write(to: schema)
        let result = try GeneratorExecutable.run(["diff", schema.path, schema.path, "--verify-api", "--build-folder", root.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(result.standardError.contains("no TarlanRuntime.swiftmodule in \(root.path)"), result.standardError)
    }

    // MARK: Helpers

    /// The verifier over this test build's runtime modules. Skips when they or the toolchain's
    /// `swift-api-digester` are missing, failing instead on CI.
    static func verifier() throws -> APIVerifier {
        do throws(APICheckFailure) {
            let runtime = try RuntimeModules.locate(buildFolder: GeneratorExecutable.buildDirectory)
            return APIVerifier(toolchain: try APIToolchain.find(), runtime: runtime)
        } catch {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                XCTFail(error.description)
            }
            throw XCTSkip(error.description)
        }
    }

    static func describe(_ report: SchemaDiffReport) -> String {
        report.changes.map { "\($0.kind) swift=\($0.swiftBreaking) wire=\($0.wireBreaking) \($0.symbol): \($0.message)" }
            .joined(separator: "\n")
    }
}
