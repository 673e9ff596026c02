import Foundation
import TarlanCore
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// `SchemaDiff`: each kind of change on its own, on small in-memory schemas (`DiffSchema`), with
/// its classification, symbol and pointer.
final class DiffTests: XCTestCase {
    // MARK: Helpers

    /// The only change of an edit; fails (listing them) when there is not exactly one.
    private func only(
        reversed: Bool = false, file: StaticString = #filePath, line: UInt = #line, _ edit: (inout JSONValue) -> Void
    ) throws -> SchemaChange {
        let report = try DiffSchema.report(reversed: reversed, file: file, line: line, edit)
        XCTAssertEqual(report.changes.count, 1, describe(report), file: file, line: line)
        return try XCTUnwrap(report.changes.first, file: file, line: line)
    }

    private func describe(_ report: SchemaDiffReport) -> String {
        report.changes.map { "\($0.kind) \($0.breaking ? "breaking" : "non-breaking") \($0.symbol) \($0.pointer): \($0.message)" }
            .joined(separator: "\n")
    }

    /// `swift` and `wire`, when given, are the two verdicts; `breaking` is true when either is.
    private func assert(
        _ change: SchemaChange, _ kind: SchemaChange.Kind, breaking: Bool, swift: Bool? = nil, wire: Bool? = nil,
        symbol: String, pointer: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(change.kind, kind, change.message, file: file, line: line)
        XCTAssertEqual(change.breaking, breaking, "\(change.kind): \(change.message)", file: file, line: line)
        XCTAssertEqual(change.breaking, change.swiftBreaking || change.wireBreaking, file: file, line: line)
        if let swift {
            XCTAssertEqual(change.swiftBreaking, swift, "swiftBreaking of \(change.kind): \(change.message)", file: file, line: line)
        }
        if let wire {
            XCTAssertEqual(change.wireBreaking, wire, "wireBreaking of \(change.kind): \(change.message)", file: file, line: line)
        }
        XCTAssertEqual(change.symbol, symbol, file: file, line: line)
        XCTAssertEqual(change.pointer, pointer, file: file, line: line)
        XCTAssertEqual(change.file, DiffSchema.path, file: file, line: line)
        XCTAssertFalse(change.message.contains("\n"), "one line: \(change.message)", file: file, line: line)
    }

    // MARK: Identity

    func testIdenticalSchemasHaveNoChanges() throws {
        let schema = try DiffSchema.load(DiffSchema.text)
        XCTAssertTrue(SchemaDiff.compare(schema, schema).isEmpty)
        // Layout and key order do not matter either.
        let reformatted = try DiffSchema.report { _ in }
        XCTAssertTrue(reformatted.isEmpty, describe(reformatted))
    }

    func testRealSchemaAgainstItselfHasNoChanges() throws {
        let directory = GeneratorTestSupport.packageRoot.appendingPathComponent("Schema")
        let files = try GeneratorTestSupport.schemaFiles(in: directory, displayPrefix: "Schema/")
        let schema = try SchemaLoader.load(files)
        let again = try SchemaLoader.load(files.reversed())
        let report = SchemaDiff.compare(schema, again)
        XCTAssertTrue(report.isEmpty, describe(report))
        XCTAssertEqual(DiffReportRenderer.markdown(report), "## Schema changes\n\nNo changes.\n")
    }

    // MARK: Operations

    func testOperationRemovedIsBreaking() throws {
        let change = try only { $0[path: "operations", "listItems"] = nil }
        assert(change, .operationRemoved, breaking: true, symbol: "DemoClient.listItems(_:options:)", pointer: "/operations/listItems")
        XCTAssertEqual(change.subject.description, "operation listItems")
    }

    func testOperationAddedIsNotBreaking() throws {
        let change = try only { json in
            var copy = json[path: "operations", "listItems"]!
            copy[path: "path"] = "/items/archived"
            json[path: "operations", "listArchivedItems"] = copy
        }
        assert(change, .operationAdded, breaking: false, symbol: "DemoClient.listArchivedItems(_:options:)", pointer: "/operations/listArchivedItems")
    }

    /// Removed and added with the same method and path: one change, naming the old symbol.
    func testOperationRenamedIsOneBreakingChange() throws {
        let change = try only { json in
            json[path: "operations", "fetchItems"] = json[path: "operations", "listItems"]
            json[path: "operations", "listItems"] = nil
        }
        assert(change, .operationRenamed, breaking: true, symbol: "DemoClient.listItems(_:options:)", pointer: "/operations/fetchItems")
        XCTAssertTrue(change.message.contains("`DemoClient.fetchItems(_:options:)`"), change.message)
        XCTAssertEqual(change.subject.description, "operation fetchItems")
    }

    func testOperationRenamedWithAnotherPathIsARemovalAndAnAddition() throws {
        let report = try DiffSchema.report { json in
            var copy = json[path: "operations", "listItems"]!
            copy[path: "path"] = "/v2/items"
            json[path: "operations", "fetchItems"] = copy
            json[path: "operations", "listItems"] = nil
        }
        XCTAssertEqual(report.changes.map(\.kind), [.operationRemoved, .operationAdded], describe(report))
    }

    func testPathAndMethodChangesAreBreaking() throws {
        assert(
            try only { $0[path: "operations", "ping", "path"] = "/v2/ping" },
            .pathChanged, breaking: true, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/path"
        )
        assert(
            try only { $0[path: "operations", "listItems", "method"] = "POST" },
            .methodChanged, breaking: true, symbol: "DemoClient.listItems(_:options:)", pointer: "/operations/listItems/method"
        )
        let environment = try only { $0[path: "operations", "ping", "environmentPaths"] = ["sandbox": "/sandbox/ping"] }
        assert(environment, .pathChanged, breaking: true, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/environmentPaths/sandbox")
        XCTAssertEqual(environment.message, "sandbox path is now `/sandbox/ping` instead of `/ping`")
    }

    func testRequestResultAndPlacementChangesAreBreaking() throws {
        assert(
            try only { $0[path: "operations", "ping", "request", "model"] = "ListQuery" },
            .requestModelChanged, breaking: true, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/request/model"
        )
        let result = try only { $0[path: "operations", "ping", "response", "result"] = ["type": "array", "items": ["ref": "PingResult"]] }
        assert(result, .resultChanged, breaking: true, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/response/result")
        XCTAssertEqual(result.message, "result type changed from `PingResult` to `[PingResult]`")
        assert(
            try only { $0[path: "operations", "ping", "request", "in"] = "query" },
            .requestPlacementChanged, breaking: true, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/request/in"
        )
        assert(
            try only { $0[path: "operations", "ping", "section"] = "other" },
            .operationSectionChanged, breaking: true, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/section"
        )
    }

    /// Either way clients and the server disagree on what an error looks like: clients built before
    /// do not recognise the added format, clients built after no longer recognise the removed one.
    func testErrorFormatChangesBreakOnTheWire() throws {
        let removed = try only { $0[path: "operations", "ping", "errorFormats"] = ["old"] }
        assert(removed, .errorFormatRemoved, breaking: true, swift: false, wire: true, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/errorFormats")
        XCTAssertEqual(removed.message, "error format `newExpected` removed")
        let added = try only { $0[path: "operations", "listItems", "errorFormats"] = ["old", "newUnexpected"] }
        assert(added, .errorFormatAdded, breaking: true, swift: false, wire: true, symbol: "DemoClient.listItems(_:options:)", pointer: "/operations/listItems/errorFormats")
    }

    func testIdempotencyIsNotBreaking() throws {
        assert(
            try only { $0[path: "operations", "listItems", "idempotent"] = true },
            .idempotencyChanged, breaking: false, symbol: "DemoClient.listItems(_:options:)", pointer: "/operations/listItems/idempotent"
        )
    }

    // MARK: Sections

    /// A server is a case of the client's `Environment` enum: added or removed, a `switch` over it
    /// breaks; its URL changed, only the wire does.
    func testServerChanges() throws {
        let changed = try only { $0[path: "sections", "demo", "servers", "production"] = "https://api2.example.com" }
        assert(changed, .serverChanged, breaking: true, swift: false, wire: true, symbol: "DemoClient.Environment.production", pointer: "/sections/demo/servers/production")
        assert(
            try only { $0[path: "sections", "demo", "servers", "sandbox"] = nil },
            .serverRemoved, breaking: true, swift: true, wire: true, symbol: "DemoClient.Environment.sandbox", pointer: "/sections/demo/servers/sandbox"
        )
        assert(
            try only(reversed: true) { $0[path: "sections", "demo", "servers", "sandbox"] = nil },
            .serverAdded, breaking: true, swift: true, wire: false, symbol: "DemoClient.Environment.sandbox", pointer: "/sections/demo/servers/sandbox"
        )
    }

    func testSigningChangesAreBreaking() throws {
        let header = try only { $0[path: "sections", "demo", "signing", "headerName"] = "Authorization" }
        assert(header, .signingChanged, breaking: true, symbol: "DemoClient.section", pointer: "/sections/demo/signing/headerName")
        XCTAssertEqual(header.message, "signature header changed from `X-Signature` to `Authorization`")
        let report = try DiffSchema.report { json in
            json[path: "sections", "demo", "signing", "excludesEmptyStrings"] = false
            json[path: "sections", "demo", "signing", "excludedTopLevelFields"] = []
            json[path: "sections", "demo", "signing", "valuePrefix"] = "Bearer "
        }
        XCTAssertEqual(report.changes.map(\.kind), [.signingChanged, .signingChanged, .signingChanged], describe(report))
        XCTAssertTrue(report.changes.allSatisfy(\.breaking))
        // A note on the rules is documentation.
        assert(
            try only { $0[path: "sections", "demo", "signing", "note"] = "Sorted keys." },
            .documentationChanged, breaking: false, symbol: "DemoClient", pointer: "/sections/demo/signing/note"
        )
    }

    func testSectionRemovedOrClientRenamedIsBreaking() throws {
        assert(
            try only { $0[path: "sections", "demo", "swiftPrefix"] = "Sample" },
            .clientRenamed, breaking: true, symbol: "DemoClient", pointer: "/sections/demo/swiftPrefix"
        )
        let section: JSONValue = [
            "title": "Other", "swiftPrefix": "Other", "servers": ["production": "https://other.example.com"],
            "signing": [
                "headerName": "X-Signature", "valuePrefix": "", "excludedTopLevelFields": [], "excludesEmptyStrings": false,
                "canonicalForm": "go",
            ],
            "errorFormats": ["old"],
        ]
        assert(
            try only { $0[path: "sections", "other"] = section },
            .sectionAdded, breaking: false, symbol: "OtherClient", pointer: "/sections/other"
        )
        assert(
            try only(reversed: true) { $0[path: "sections", "other"] = section },
            .sectionRemoved, breaking: true, symbol: "OtherClient", pointer: "/sections/other"
        )
    }

    // MARK: Fields

    func testFieldRemovedIsBreaking() throws {
        let change = try only { $0[path: "models", "PingRequest", "fields", "comment"] = nil }
        // A removal points into the old schema.
        assert(change, .fieldRemoved, breaking: true, symbol: "PingRequest.comment", pointer: "/models/PingRequest/fields/comment")
        XCTAssertEqual(change.subject.description, "model PingRequest")
    }

    func testFieldRenamedIsOneBreakingChange() throws {
        // The new field keeps the old key as an alias.
        let aliased = try only { json in
            json[path: "models", "Item", "fields", "memo"] = ["type": "string", "aliases": ["remark", "note"]]
            json[path: "models", "Item", "fields", "note"] = nil
        }
        assert(aliased, .fieldRenamed, breaking: true, symbol: "Item.note", pointer: "/models/Item/fields/memo")
        XCTAssertEqual(aliased.message, "field `note` renamed to `memo` (Swift property `note` is now `memo`)")

        // The only field removed and the only one added, of the same type and requiredness.
        let unique = try only { json in
            json[path: "models", "PingRequest", "fields", "remark"] = ["type": "string"]
            json[path: "models", "PingRequest", "fields", "comment"] = nil
        }
        assert(unique, .fieldRenamed, breaking: true, symbol: "PingRequest.comment", pointer: "/models/PingRequest/fields/remark")

        // The JSON key changes, the Swift property stays.
        let key = try only { json in
            json[path: "models", "Item", "fields", "itemId"] = ["type": "string", "required": true, "swiftName": "itemID"]
            json[path: "models", "Item", "fields", "item_id"] = nil
        }
        assert(key, .fieldRenamed, breaking: true, symbol: "Item.itemID", pointer: "/models/Item/fields/itemId")
        XCTAssertEqual(key.message, "field `item_id` renamed to `itemId` (Swift property `itemID` unchanged)")

        // The Swift property changes, the JSON key stays.
        let property = try only { $0[path: "models", "Item", "fields", "item_id", "swiftName"] = "identifier" }
        assert(property, .fieldRenamed, breaking: true, symbol: "Item.itemID", pointer: "/models/Item/fields/item_id/swiftName")
        XCTAssertEqual(property.message, "Swift property of `item_id` renamed from `itemID` to `identifier`")

        // Without `swiftName` the generator derives `itemID` too (`id` is an acronym): nothing changes.
        let same = try DiffSchema.report { $0[path: "models", "Item", "fields", "item_id", "swiftName"] = nil }
        XCTAssertTrue(same.isEmpty, describe(same))
    }

    func testAmbiguousFieldsAreNotPairedAsRenames() throws {
        let report = try DiffSchema.report { json in
            json[path: "models", "PingRequest", "fields", "remark"] = ["type": "string"]
            json[path: "models", "PingRequest", "fields", "memo"] = ["type": "string"]
            json[path: "models", "PingRequest", "fields", "comment"] = nil
        }
        XCTAssertEqual(report.changes.map(\.kind), [.fieldRemoved, .fieldAdded, .fieldAdded], describe(report))
    }

    func testFieldTypeChangedIsBreaking() throws {
        let change = try only { $0[path: "models", "Amount", "fields", "value", "type"] = "number" }
        assert(change, .fieldTypeChanged, breaking: true, symbol: "Amount.value", pointer: "/models/Amount/fields/value")
        XCTAssertEqual(change.message, "type of `value` changed from `Int` to `Double`")
    }

    func testAcceptsAndAliasesNarrowedAreBreakingAndWidenedAreNot() throws {
        let accepts = try only { $0[path: "models", "PingResult", "fields", "balance", "accepts"] = nil }
        // `accepts` is gone from the new schema: the pointer falls back to the field.
        assert(accepts, .fieldTypeChanged, breaking: true, symbol: "PingResult.balance", pointer: "/models/PingResult/fields/balance")
        XCTAssertEqual(accepts.message, "`balance` no longer accepts a JSON string")
        assert(
            try only { $0[path: "models", "PingResult", "fields", "balance", "accepts"] = ["string", "integer"] },
            .fieldDecodingWidened, breaking: false, symbol: "PingResult.balance", pointer: "/models/PingResult/fields/balance/accepts"
        )
        let aliases = try only { $0[path: "models", "Item", "fields", "note", "aliases"] = [] }
        assert(aliases, .fieldTypeChanged, breaking: true, symbol: "Item.note", pointer: "/models/Item/fields/note/aliases")
        XCTAssertEqual(aliases.message, "`note` is no longer decoded from the key `remark`")
        assert(
            try only { $0[path: "models", "Item", "fields", "note", "aliases"] = ["remark", "memo"] },
            .fieldDecodingWidened, breaking: false, symbol: "Item.note", pointer: "/models/Item/fields/note/aliases"
        )
    }

    /// The property's type changes either way; the server refuses requests without a field it now requires.
    func testRequestFieldMadeRequiredBreaksBothAndMadeOptionalBreaksSwiftCode() throws {
        assert(
            try only { $0[path: "models", "PingRequest", "fields", "comment", "required"] = true },
            .fieldMadeRequired, breaking: true, swift: true, wire: true, symbol: "PingRequest.comment", pointer: "/models/PingRequest/fields/comment/required"
        )
        // `required` left out means false: the pointer is the field's.
        assert(
            try only { $0[path: "models", "PingRequest", "fields", "agent", "required"] = nil },
            .fieldMadeOptional, breaking: true, swift: true, wire: false, symbol: "PingRequest.agent", pointer: "/models/PingRequest/fields/agent"
        )
        // Through an array of another request model.
        assert(
            try only { $0[path: "models", "Line", "fields", "sku", "required"] = false },
            .fieldMadeOptional, breaking: true, swift: true, wire: false, symbol: "Line.sku", pointer: "/models/Line/fields/sku/required"
        )
        assert(
            try only { $0[path: "models", "ListQuery", "fields", "page", "required"] = true },
            .fieldMadeRequired, breaking: true, symbol: "ListQuery.page", pointer: "/models/ListQuery/fields/page/required"
        )
    }

    /// `if let b = result.balance` stops compiling when `balance` is made required, and answers
    /// without it no longer decode; made optional, clients built before reject answers without it.
    func testResponseFieldMadeOptionalOrRequiredBreaksBoth() throws {
        let optional = try only { $0[path: "models", "PingResult", "fields", "state", "required"] = false }
        assert(optional, .fieldMadeOptional, breaking: true, swift: true, wire: true, symbol: "PingResult.state", pointer: "/models/PingResult/fields/state/required")
        XCTAssertEqual(optional.message, "response field `state` made optional: the property is now `PingState?`")
        assert(
            try only { $0[path: "models", "PingResult", "fields", "balance", "required"] = true },
            .fieldMadeRequired, breaking: true, swift: true, wire: true, symbol: "PingResult.balance", pointer: "/models/PingResult/fields/balance/required"
        )
        // An array result's elements are responses too.
        assert(
            try only { $0[path: "models", "Item", "fields", "item_id", "required"] = false },
            .fieldMadeOptional, breaking: true, symbol: "Item.itemID", pointer: "/models/Item/fields/item_id/required"
        )
    }

    /// `Amount` is in a request and in a result: the stricter rule wins both ways.
    func testSharedModelGetsTheStricterRule() throws {
        assert(
            try only { $0[path: "models", "Amount", "fields", "currency", "required"] = true },
            .fieldMadeRequired, breaking: true, symbol: "Amount.currency", pointer: "/models/Amount/fields/currency/required"
        )
        assert(
            try only { $0[path: "models", "Amount", "fields", "value", "required"] = false },
            .fieldMadeOptional, breaking: true, symbol: "Amount.value", pointer: "/models/Amount/fields/value/required"
        )
        assert(
            try only { $0[path: "models", "Amount", "fields", "scale"] = ["type": "integer", "required": true] },
            .fieldAdded, breaking: true, symbol: "Amount.scale", pointer: "/models/Amount/fields/scale"
        )
        assert(
            try only { $0[path: "models", "Amount", "fields", "scale"] = ["type": "integer"] },
            .fieldAdded, breaking: false, symbol: "Amount.scale", pointer: "/models/Amount/fields/scale"
        )
    }

    func testFieldAdded() throws {
        let optional = try only { $0[path: "models", "PingRequest", "fields", "reference"] = ["type": "string"] }
        assert(
            optional, .fieldAdded, breaking: false, swift: false, wire: false, symbol: "PingRequest.reference",
            pointer: "/models/PingRequest/fields/reference"
        )
        XCTAssertEqual(optional.message, "optional field `reference` (`String?`) added")
        let required = try only { $0[path: "models", "PingRequest", "fields", "reference"] = ["type": "string", "required": true] }
        assert(required, .fieldAdded, breaking: true, swift: true, wire: true, symbol: "PingRequest.reference", pointer: "/models/PingRequest/fields/reference")
        XCTAssertEqual(required.message, "required request field `reference` (`String`) added: the initialiser needs it")
        // Through an array of another request model.
        assert(
            try only { $0[path: "models", "Line", "fields", "quantity"] = ["type": "integer", "required": true] },
            .fieldAdded, breaking: true, symbol: "Line.quantity", pointer: "/models/Line/fields/quantity"
        )
        // A required response field: clients built before ignore it, but the initialiser needs it.
        let response = try only { $0[path: "models", "PingResult", "fields", "code"] = ["type": "integer", "required": true] }
        assert(
            response, .fieldAdded, breaking: true, swift: true, wire: false, symbol: "PingResult.code",
            pointer: "/models/PingResult/fields/code"
        )
        XCTAssertEqual(response.message, "required field `code` (`Int`) added: the initialiser needs it")
    }

    /// A callback's payload is read leniently (every property optional in Swift): requiredness
    /// changes nothing there, and losing the callback makes its properties required.
    func testLenientPayloadFieldsFollowTheirSwiftType() throws {
        let required = try only(reversed: true) { $0[path: "models", "NotifyPayload", "fields", "paid", "required"] = false }
        assert(
            required, .fieldMadeRequired, breaking: false, swift: false, wire: false, symbol: "NotifyPayload.paid",
            pointer: "/models/NotifyPayload/fields/paid/required"
        )
        XCTAssertEqual(required.message, "`paid` made required: read leniently, the property stays optional")
        let added = try only { $0[path: "models", "NotifyPayload", "fields", "note"] = ["type": "string", "required": true] }
        assert(added, .fieldAdded, breaking: false, swift: false, wire: false, symbol: "NotifyPayload.note", pointer: "/models/NotifyPayload/fields/note")
        XCTAssertEqual(added.message, "required field `note` (`String?`) added")

        let report = try DiffSchema.report { $0[path: "callbacks", "orderPaid"] = nil }
        XCTAssertEqual(report.changes.map(\.kind), [.callbackRemoved, .fieldTypeChanged, .fieldTypeChanged], describe(report))
        let paid = try XCTUnwrap(report.changes.first { $0.symbol == "NotifyPayload.paid" })
        XCTAssertEqual(paid.message, "property `paid` is now `Bool` instead of `Bool?`: the model is no longer read leniently")
        XCTAssertEqual([paid.swiftBreaking, paid.wireBreaking], [true, false])
    }

    func testSensitivityIsNotBreaking() throws {
        assert(
            try only { $0[path: "models", "PingRequest", "fields", "agent", "sensitive"] = true },
            .fieldSensitivityChanged, breaking: false, symbol: "PingRequest.agent", pointer: "/models/PingRequest/fields/agent/sensitive"
        )
    }

    // MARK: Models and enums

    func testModelAddedIsNotBreakingAndRemovedIs() throws {
        assert(
            try only { $0[path: "models", "Extra"] = ["fields": ["x": ["type": "string"]]] },
            .modelAdded, breaking: false, symbol: "Extra", pointer: "/models/Extra"
        )
        assert(
            try only { $0[path: "models", "NotifyReply"] = nil },
            .modelRemoved, breaking: true, symbol: "NotifyReply", pointer: "/models/NotifyReply"
        )
    }

    func testEnumCases() throws {
        let removed = try only { $0[path: "enums", "PingState", "cases", "failed"] = nil }
        assert(removed, .enumCaseRemoved, breaking: true, symbol: "PingState.failed", pointer: "/enums/PingState/cases/failed")
        XCTAssertEqual(removed.message, "case `failed` (`\"2\"`) removed")
        XCTAssertEqual(removed.subject.description, "enum PingState")
        assert(
            try only { $0[path: "enums", "PingState", "cases", "pending"] = ["value": "3"] },
            // Clients built before read it as `.unknown("3")`; exhaustive `switch`es need the case.
            .enumCaseAdded, breaking: true, swift: true, wire: false, symbol: "PingState.pending", pointer: "/enums/PingState/cases/pending"
        )
        assert(
            try only { $0[path: "enums", "PingState", "cases", "failed", "value"] = "9" },
            .enumCaseValueChanged, breaking: true, symbol: "PingState.failed", pointer: "/enums/PingState/cases/failed/value"
        )
        let renamed = try only { json in
            json[path: "enums", "PingState", "cases", "error"] = json[path: "enums", "PingState", "cases", "failed"]
            json[path: "enums", "PingState", "cases", "failed"] = nil
        }
        assert(renamed, .enumCaseRenamed, breaking: true, symbol: "PingState.failed", pointer: "/enums/PingState/cases/error")
        assert(
            try only { $0[path: "enums", "PingState", "cases", "ok", "description"] = "Up and running." },
            .documentationChanged, breaking: false, symbol: "PingState.ok", pointer: "/enums/PingState/cases/ok/description"
        )
    }

    func testEnumAddedRemovedAndRawType() throws {
        let extra: JSONValue = ["rawType": "integer", "cases": ["one": ["value": 1]]]
        assert(try only { $0[path: "enums", "Extra"] = extra }, .enumAdded, breaking: false, symbol: "Extra", pointer: "/enums/Extra")
        assert(try only(reversed: true) { $0[path: "enums", "Extra"] = extra }, .enumRemoved, breaking: true, symbol: "Extra", pointer: "/enums/Extra")
        let report = try DiffSchema.report { json in
            json[path: "enums", "PingState", "rawType"] = "integer"
            json[path: "enums", "PingState", "cases"] = ["ok": ["value": 1, "description": "Up."], "failed": ["value": 2]]
        }
        // Within a subject, by pointer.
        XCTAssertEqual(
            report.changes.map(\.pointer),
            ["/enums/PingState/cases/failed/value", "/enums/PingState/cases/ok/value", "/enums/PingState/rawType"],
            describe(report)
        )
        XCTAssertEqual(
            report.changes.map(\.kind), [.enumCaseValueChanged, .enumCaseValueChanged, .enumRawTypeChanged], describe(report)
        )
        XCTAssertTrue(report.changes.allSatisfy(\.breaking))
    }

    // MARK: Callbacks

    func testCallbackRemovedIsBreakingAndAddedIsNot() throws {
        // Another callback keeps the payload model read leniently: no property changes.
        let report = try DiffSchema.report { json in
            json[path: "callbacks", "orderRefunded"] = json[path: "callbacks", "orderPaid"]
            json[path: "callbacks", "orderRefunded", "method"] = "GET"
            json[path: "callbacks", "orderPaid"] = nil
        }
        XCTAssertEqual(report.changes.map(\.kind), [.callbackRemoved, .callbackAdded], describe(report))
        assert(
            report.changes[0], .callbackRemoved, breaking: true, swift: true, wire: false,
            symbol: "WebhookVerifier.orderPaid(body:signatureHeader:)", pointer: "/callbacks/orderPaid"
        )
        assert(
            try only { json in
                json[path: "callbacks", "orderRefunded"] = json[path: "callbacks", "orderPaid"]
            },
            .callbackAdded, breaking: false, symbol: "WebhookVerifier.orderRefunded(body:signatureHeader:)", pointer: "/callbacks/orderRefunded"
        )
    }

    func testCallbackPayloadAndReplyChanges() throws {
        let placement = try only { json in
            json[path: "callbacks", "orderPaid", "payload", "in"] = "query"
        }
        assert(placement, .callbackPayloadChanged, breaking: true, symbol: "WebhookVerifier.orderPaid(body:signatureHeader:)", pointer: "/callbacks/orderPaid/payload/in")
        XCTAssertTrue(placement.message.contains("`WebhookVerifier.orderPaid(url:signatureHeader:)`"), placement.message)
        // `Line` is now read leniently and `NotifyPayload` no longer is: their properties change too.
        let model = try DiffSchema.report { $0[path: "callbacks", "orderPaid", "payload", "model"] = "Line" }
        XCTAssertEqual(
            model.changes.map(\.symbol),
            ["WebhookVerifier.orderPaid(body:signatureHeader:)", "Line.sku", "NotifyPayload.orderID", "NotifyPayload.paid"],
            describe(model)
        )
        assert(
            model.changes[0], .callbackPayloadChanged, breaking: true, swift: true, wire: true,
            symbol: "WebhookVerifier.orderPaid(body:signatureHeader:)", pointer: "/callbacks/orderPaid/payload/model"
        )
        assert(
            try only { $0[path: "callbacks", "orderPaid", "reply"] = nil },
            // The server no longer reads the reply merchants send.
            .callbackReplyRemoved, breaking: false, swift: false, wire: false, symbol: "WebhookVerifier.orderPaid(body:signatureHeader:)", pointer: "/callbacks/orderPaid/reply"
        )
        assert(
            try only(reversed: true) { $0[path: "callbacks", "orderPaid", "reply"] = nil },
            // Merchants' servers built before do not answer with it.
            .callbackReplyAdded, breaking: true, swift: false, wire: true, symbol: "WebhookVerifier.orderPaid(body:signatureHeader:)", pointer: "/callbacks/orderPaid/reply"
        )
    }

    /// Merchant code reads the payload and builds the reply. The payload is read leniently (every
    /// property optional), so its fields' requiredness changes no Swift type; the reply's does.
    func testCallbackModelsChangedIncompatiblyAreBreaking() throws {
        assert(
            try only { $0[path: "models", "NotifyPayload", "fields", "paid", "required"] = false },
            .fieldMadeOptional, breaking: false, swift: false, wire: false, symbol: "NotifyPayload.paid",
            pointer: "/models/NotifyPayload/fields/paid/required"
        )
        assert(
            try only { $0[path: "models", "NotifyPayload", "fields", "amount"] = ["type": "integer", "required": true] },
            .fieldAdded, breaking: false, swift: false, wire: false, symbol: "NotifyPayload.amount",
            pointer: "/models/NotifyPayload/fields/amount"
        )
        assert(
            try only { $0[path: "models", "NotifyReply", "fields", "reason"] = ["type": "string", "required": true] },
            .fieldAdded, breaking: true, symbol: "NotifyReply.reason", pointer: "/models/NotifyReply/fields/reason"
        )
        assert(
            try only { $0[path: "models", "NotifyPayload", "fields", "note"] = ["type": "string"] },
            .fieldAdded, breaking: false, symbol: "NotifyPayload.note", pointer: "/models/NotifyPayload/fields/note"
        )
    }

    func testCallbackRenamedIsOneBreakingChange() throws {
        let change = try only { json in
            json[path: "callbacks", "orderSettled"] = json[path: "callbacks", "orderPaid"]
            json[path: "callbacks", "orderPaid"] = nil
        }
        assert(change, .callbackRenamed, breaking: true, symbol: "WebhookVerifier.orderPaid(body:signatureHeader:)", pointer: "/callbacks/orderSettled")
    }

    // MARK: Documentation, examples, vectors, files

    func testDocumentationChangesAreNotBreaking() throws {
        let summary = try only { $0[path: "operations", "ping", "summary"] = "Ping the demo gateway" }
        assert(summary, .documentationChanged, breaking: false, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/summary")
        XCTAssertEqual(summary.message, "summary changed: \"Ping the gateway\" → \"Ping the demo gateway\"")
        // Removed: the pointer is in the old schema.
        let description = try only { $0[path: "models", "PingResult", "description"] = nil }
        assert(description, .documentationChanged, breaking: false, symbol: "PingResult", pointer: "/models/PingResult/description")
        XCTAssertEqual(description.message, "description removed")
        assert(
            try only { $0[path: "operations", "ping", "quirks"] = ["Answers slowly."] },
            .documentationChanged, breaking: false, symbol: "DemoClient.ping(_:options:)", pointer: "/operations/ping/quirks"
        )
        assert(
            try only { $0[path: "models", "Amount", "fields", "value", "quirk"] = "In tiyn." },
            .documentationChanged, breaking: false, symbol: "Amount.value", pointer: "/models/Amount/fields/value/quirk"
        )
        assert(
            try only { $0[path: "callbacks", "orderPaid", "merchantMustAnswer"] = "HTTP 200." },
            .documentationChanged, breaking: false, symbol: "WebhookVerifier.orderPaid(body:signatureHeader:)",
            pointer: "/callbacks/orderPaid/merchantMustAnswer"
        )
    }

    func testExamplesAreNotBreaking() throws {
        let failure: JSONValue = [
            "kind": "response", "provenance": "doc", "httpStatus": 200,
            "body": ["status": false, "status_code": 8015, "message": "no", "result": [:]],
            "expect": ["outcome": "apiError", "format": "old", "code": 8015, "message": "no"],
        ]
        assert(
            try only { $0[path: "operations", "ping", "examples", "failure"] = failure },
            .exampleAdded, breaking: false, symbol: "PingFixtureTests.testFailure()", pointer: "/operations/ping/examples/failure"
        )
        assert(
            try only { $0[path: "operations", "ping", "examples", "success"] = nil },
            .exampleRemoved, breaking: false, symbol: "PingFixtureTests.testSuccess()", pointer: "/operations/ping/examples/success"
        )
        let changed = try only { $0[path: "operations", "ping", "examples", "success", "body", "message"] = "fine" }
        assert(changed, .exampleChanged, breaking: false, symbol: "PingFixtureTests.testSuccess()", pointer: "/operations/ping/examples/success")
        XCTAssertEqual(changed.message, "example `success` changed: body")
    }

    func testSignatureVectorsAreNotBreaking() throws {
        let changed = try only { $0[path: "signatureVectors", "demoVector", "description"] = "TV-1" }
        assert(changed, .signatureVectorChanged, breaking: false, symbol: "SignatureVectorTests.testDemoVector()", pointer: "/signatureVectors/demoVector")
        assert(
            try only { $0[path: "signatureVectors", "demoVector"] = nil },
            .signatureVectorRemoved, breaking: false, symbol: "SignatureVectorTests.testDemoVector()", pointer: "/signatureVectors/demoVector"
        )
    }

    /// Moving a definition to another file changes the generated doc comments (they cite the file).
    func testMovedToAnotherFileIsNotBreaking() throws {
        var value = try JSONParser.parse(Array(DiffSchema.text.utf8))
        let enums = value[path: "enums"]!
        value[path: "enums"] = nil
        let split = [
            GeneratorTestSupport.file(DiffSchema.path, JSONPrettyPrinter.string(value)),
            GeneratorTestSupport.file("Schema/enums.json", JSONPrettyPrinter.string(["enums": enums])),
        ]
        let old = try DiffSchema.load(DiffSchema.text)
        let new = try SchemaLoader.load(split)
        let report = SchemaDiff.compare(old, new)
        XCTAssertEqual(report.changes.count, 1, describe(report))
        let change = try XCTUnwrap(report.changes.first)
        XCTAssertEqual(change.kind, .moved)
        XCTAssertFalse(change.breaking)
        XCTAssertEqual(change.file, "Schema/enums.json")
        XCTAssertEqual(change.pointer, "/enums/PingState")
        XCTAssertEqual(change.message, "moved from diff.json to enums.json")
        XCTAssertTrue(SchemaDiff.compare(old, new, detectsMoves: false).isEmpty)
    }

    // MARK: Symbols and order

    /// The symbols name what the generator emits for the real schema.
    func testSymbolsMatchTheGeneratedCode() throws {
        let directory = GeneratorTestSupport.packageRoot.appendingPathComponent("Schema")
        let files = try GeneratorTestSupport.schemaFiles(in: directory, displayPrefix: "Schema/")
        let schema = try SchemaLoader.load(files)
        let generated = try GeneratorTestSupport.generate(files)
        let clients = try XCTUnwrap(generated.files["Clients.swift"])
        let models = try XCTUnwrap(generated.files["Models.swift"])
        let callbacks = try XCTUnwrap(generated.files["Callbacks.swift"])
        let symbols = DiffSymbols(schema: schema)
        for operation in schema.operations.values {
            let symbol = symbols.operation(operation)
            let client = String(symbol.prefix { $0 != "." })
            XCTAssertTrue(clients.contains("public struct \(client): Sendable"), symbol)
            XCTAssertTrue(symbol.hasSuffix(".\(operation.id)(_:options:)"), symbol)
            XCTAssertTrue(clients.contains("public func \(operation.id)("), symbol)
        }
        for callback in schema.callbacks.values {
            let symbol = symbols.callback(callback)
            let label = callback.payloadPlacement == .query ? "url" : "body"
            XCTAssertEqual(symbol, "WebhookVerifier.\(callback.id)(\(label):signatureHeader:)")
            XCTAssertTrue(callbacks.contains("public func \(callback.id)("), symbol)
        }
        for model in schema.models.values {
            for field in model.fields.values {
                let property = String(symbols.field(model.name, field).dropFirst(model.name.count + 1))
                XCTAssertTrue(models.contains("public var \(SwiftNames.escaped(property)): "), "\(model.name).\(property)")
            }
        }
    }

    func testOrderIsBreakingFirstThenBySubjectAndStable() throws {
        let edit: (inout JSONValue) -> Void = { json in
            json[path: "enums", "PingState", "cases", "pending"] = ["value": "3"]
            json[path: "operations", "ping", "summary"] = "Ping it"
            json[path: "models", "PingRequest", "fields", "comment"] = nil
            json[path: "operations", "listItems", "path"] = "/v2/items"
            json[path: "sections", "demo", "servers", "sandbox"] = nil
        }
        let report = try DiffSchema.report(edit)
        XCTAssertEqual(
            report.changes.map(\.kind),
            [.serverRemoved, .pathChanged, .fieldRemoved, .enumCaseAdded, .documentationChanged],
            describe(report)
        )
        XCTAssertEqual(report.breakingCount, 4)
        XCTAssertEqual(report.nonBreakingCount, 1)
        XCTAssertEqual(report.swiftBreakingCount, 3)
        XCTAssertEqual(report.wireBreakingCount, 2)
        XCTAssertEqual(try DiffSchema.report(edit), report)
        XCTAssertEqual(SchemaDiffReport(changes: report.changes.reversed()), report)
    }
}
