import Foundation
import TarlanCore
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// Reading `swift-api-digester` output and attaching it to a report, on fixed text: no toolchain.
final class APIFindingTests: XCTestCase {
    /// `-diagnose-sdk` output as Swift 6.3 prints it (sections trimmed).
    let output = """

        /* Generic Signature Changes */

        /* Removed Decls */
        Constructor PingRequest.init(agent:amount:) has been removed
        Var TarlanOperations.listItems has been removed

        /* Type Changes */
        Accessor PingResult.balance.Get() has return type change from Swift.Double? to Swift.Double
        Var PingResult.balance has declared type change from Swift.Double? to Swift.Double

        /* Others */
        EnumElement PingState.pending has been added as a new enum case
        Var TarlanAPIError.demoCode has been removed
        Func Unrelated.thing() has been removed

        """

    func testParsesEveryLineWithItsSectionKindAndSymbol() {
        let findings = APIFinding.parse(output)
        XCTAssertEqual(
            findings.map(\.category),
            ["Removed Decls", "Removed Decls", "Type Changes", "Type Changes", "Others", "Others", "Others"]
        )
        XCTAssertEqual(findings.map(\.declarationKind), ["Constructor", "Var", "Accessor", "Var", "EnumElement", "Var", "Func"])
        XCTAssertEqual(findings.map(\.symbol), [
            "PingRequest.init(agent:amount:)", "TarlanOperations.listItems", "PingResult.balance", "PingResult.balance",
            "PingState.pending", "TarlanAPIError.demoCode", "Unrelated.thing()",
        ])
        XCTAssertTrue(findings.allSatisfy(\.breaksSource))
        XCTAssertEqual(APIFinding.parse("\n/* Removed Decls */\n\n/* Others */\n"), [])
    }

    func testMembersSplitOutsideParentheses() {
        XCTAssertEqual(APIFinding.splitMember("DemoClient.ping(_:options:)").owner, "DemoClient")
        XCTAssertEqual(APIFinding.splitMember("A.B.f(x.y:)").member, "f(x.y:)")
        XCTAssertEqual(APIFinding.topLevelType("AGWSClient.Environment.sandbox"), "AGWSClient")
        XCTAssertEqual(APIFinding.topLevelType("PingResult"), "PingResult")
    }

    /// A dump in `-dump-sdk`'s shape: `PingRequest` with `init(agent:amount:)` before and
    /// `init(agent:amount:reference:)` after, the new parameter with a default; a package enum.
    private func dump(labels: [String], defaults: [Bool]) throws -> APIDump {
        let types = ["Swift.String", "TarlanPayments.Amount", "Swift.String?"]
        let parameters = zip(types, defaults).prefix(labels.count).map { type, hasDefault in
            "{\"kind\": \"TypeNominal\", \"printedName\": \"\(type)\"\(hasDefault ? ", \"hasDefaultArg\": true" : "")}"
        }
        let name = "init(" + labels.map { $0 + ":" }.joined() + ")"
        let text = """
            {"ABIRoot": {"kind": "Root", "children": [
              {"kind": "TypeDecl", "name": "PingRequest", "printedName": "PingRequest", "children": [
                {"kind": "Constructor", "name": "init", "printedName": "\(name)", "children": [
                  {"kind": "TypeNominal", "printedName": "TarlanPayments.PingRequest"}, \(parameters.joined(separator: ", "))
                ]}
              ]},
              {"kind": "TypeDecl", "name": "TarlanOperations", "printedName": "TarlanOperations", "isInternal": true}
            ]}}
            """
        return APIDump(json: try JSONParser.parse(Array(text.utf8)))
    }

    func testRemovedInitialiserIsCompatibleOnlyWhenTheNewOneTakesEveryOldCall() throws {
        let old = try dump(labels: ["agent", "amount"], defaults: [false, false])
        let findings = APIFinding.parse(output)
        let added = ["agent", "amount", "reference"]
        let withDefault = APIFinding.classified(findings, old: old, new: try dump(labels: added, defaults: [false, false, true]))
        XCTAssertFalse(withDefault[0].breaksSource)
        XCTAssertEqual(
            withDefault[0].note,
            "source-compatible: `init(agent:amount:reference:)` takes every call as written (the new parameters have defaults)"
        )
        // The package enum's line never breaks code using the module; the rest still do.
        XCTAssertFalse(withDefault[1].breaksSource)
        XCTAssertEqual(withDefault[1].note, "package API: code using the module cannot see it")
        XCTAssertEqual(withDefault.dropFirst(2).map(\.breaksSource), [true, true, true, true, true])

        let withoutDefault = APIFinding.classified(findings, old: old, new: try dump(labels: added, defaults: [false, false, false]))
        XCTAssertTrue(withoutDefault[0].breaksSource)
        // A parameter removed is no compatible replacement either.
        let shorter = APIFinding.classified(findings, old: old, new: try dump(labels: ["agent"], defaults: [false]))
        XCTAssertTrue(shorter[0].breaksSource)
    }

    func testFindingsGoToTheChangesTheyAreAbout() throws {
        let report = try DiffSchema.report { json in
            json[path: "models", "PingResult", "fields", "balance", "required"] = true
            json[path: "enums", "PingState", "cases", "pending"] = ["value": "3"]
            json[path: "models", "PingRequest", "fields", "reference"] = ["type": "string", "required": true]
            json[path: "models", "PingResult", "description"] = "What ping says."
        }
        let checked = APICheckAttribution.apply(APIFinding.parse(output), to: report)
        func findings(_ symbol: String, _ kind: SchemaChange.Kind) -> [String]? {
            checked.changes.first { $0.symbol == symbol && $0.kind == kind }?.apiCheck?.findings.map(\.text)
        }
        XCTAssertEqual(findings("PingResult.balance", .fieldMadeRequired), [
            "Accessor PingResult.balance.Get() has return type change from Swift.Double? to Swift.Double",
            "Var PingResult.balance has declared type change from Swift.Double? to Swift.Double",
        ])
        // The initialiser belongs to the field change of its type that breaks Swift code, not to the description.
        XCTAssertEqual(findings("PingRequest.reference", .fieldAdded), ["Constructor PingRequest.init(agent:amount:) has been removed"])
        XCTAssertEqual(findings("PingResult", .documentationChanged), [])
        XCTAssertEqual(findings("PingState.pending", .enumCaseAdded), ["EnumElement PingState.pending has been added as a new enum case"])
        XCTAssertTrue(checked.changes.allSatisfy(\.agreesWithAPICheck), DiffReportRenderer.markdown(checked))
        // Nothing in the report is about these: the classifier missed them.
        XCTAssertEqual(checked.apiCheck?.unattributed.map(\.text), [
            "Var TarlanOperations.listItems has been removed", "Var TarlanAPIError.demoCode has been removed",
            "Func Unrelated.thing() has been removed",
        ])
        XCTAssertEqual(checked.apiCheckDisagreements, 3)
        let markdown = DiffReportRenderer.markdown(checked)
        XCTAssertTrue(markdown.contains("7 findings, **3 disagreements**."), markdown)
        XCTAssertTrue(
            markdown.contains("Not accounted for by any change:\n\n* Var TarlanOperations.listItems has been removed\n"), markdown
        )
    }

    /// A change the checker finds nothing about, though the classifier calls it swift-breaking, disagrees.
    func testAClaimWithoutAFindingDisagrees() throws {
        let report = try DiffSchema.report { $0[path: "models", "PingRequest", "fields", "comment"] = nil }
        let checked = APICheckAttribution.apply([], to: report)
        XCTAssertEqual(checked.changes.map(\.agreesWithAPICheck), [false])
        XCTAssertEqual(checked.apiCheckDisagreements, 1)
        XCTAssertTrue(DiffReportRenderer.markdown(checked).contains("| breaking | compatible | **disagrees: compatible** |"))
        let json = try JSONParser.parse(Array(DiffReportRenderer.json(checked).utf8))
        XCTAssertEqual(json[path: "apiCheck", "disagreements"], 1)
        XCTAssertEqual(json["changes"]?.arrayValue?.first?[path: "apiCheck", "agrees"], false)
    }

    func testPackageNameComesFromTheBuildManifest() throws {
        let scratch = try GeneratorExecutable.temporaryDirectory("scratch")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = scratch.appendingPathComponent("x86_64-unknown-linux-gnu/debug")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        XCTAssertNil(RuntimeModules.packageName(buildFolder: folder))
        let manifest = #"    args: ["/usr/bin/swiftc","-module-name","TarlanCore","-package-name","my_checkout","-Xcc"]"#
        try Data(manifest.utf8).write(to: scratch.appendingPathComponent("debug.yaml"))
        XCTAssertEqual(RuntimeModules.packageName(buildFolder: folder), "my_checkout")
    }
}
