import TarlanCore
import TarlanGeneratorKit

/// Sections, operations, callbacks and their examples.
extension SchemaDiffer {
    // MARK: Sections

    mutating func compareSections() {
        let matched = Self.match(old.sections, new.sections)
        for id in matched.removed {
            let section = old.sections[id]!
            add(
                .sectionRemoved, swift: true, wire: true, .init(.section, id), at: inOld(section.location),
                symbol: oldSymbols.client(id),
                "section `\(id)` removed, and with it \(Self.code(oldSymbols.client(id)))"
            )
        }
        for id in matched.added {
            let section = new.sections[id]!
            add(
                .sectionAdded, swift: false, wire: false, .init(.section, id), at: inNew(section.location),
                symbol: newSymbols.client(id), "section `\(id)` added: \(Self.code(newSymbols.client(id)))"
            )
        }
        for id in matched.common {
            compareSection(old.sections[id]!, new.sections[id]!)
        }
    }

    private mutating func compareSection(_ before: Section, _ after: Section) {
        let subject = SchemaChange.Subject(.section, after.id)
        let client = newSymbols.client(after.id)
        moved(before.location, after.location, subject, symbol: client)
        if before.swiftPrefix != after.swiftPrefix {
            add(
                .clientRenamed, swift: true, wire: false, subject, at: inNew(after.location, "swiftPrefix"),
                symbol: oldSymbols.client(before.id),
                "client renamed from \(Self.code(oldSymbols.client(before.id))) to \(Self.code(client))"
            )
        }
        for name in Set(before.servers.keys).union(after.servers.keys).sorted() {
            switch (before.servers[name], after.servers[name]) {
            case (let url?, nil):
                add(
                    .serverRemoved, swift: true, wire: true, subject, at: inOld(before.location, "servers", name),
                    symbol: oldSymbols.server(before.id, name), "\(name) server `\(url)` removed"
                )
            case (nil, let url?):
                add(
                    .serverAdded, swift: true, wire: false, subject, at: inNew(after.location, "servers", name),
                    symbol: newSymbols.server(after.id, name), "\(name) server `\(url)` added"
                )
            case (let was?, let url?) where was != url:
                add(
                    .serverChanged, swift: false, wire: true, subject, at: inNew(after.location, "servers", name),
                    symbol: newSymbols.server(after.id, name), "\(name) server changed from `\(was)` to `\(url)`"
                )
            default:
                break
            }
        }
        compareSigning(before, after, subject)
        text(
            "title", before.title, after.title, subject, old: before.location, new: after.location, ["title"],
            symbol: client)
        text(
            "description", before.description, after.description, subject, old: before.location, new: after.location,
            ["description"], symbol: client)
        text(
            "documentation link", before.documentation, after.documentation, subject, old: before.location,
            new: after.location, ["documentation"], symbol: client)
        text(
            "signing note", before.signingNote, after.signingNote, subject, old: before.location, new: after.location,
            ["signing", "note"], symbol: client)
        if before.errorCodes != after.errorCodes {
            let describe = { (name: String?) in name.map(Self.code) ?? "none" }
            add(
                .errorCodesChanged, swift: before.errorCodes != nil, wire: false, subject,
                at: inNew(after.location, "errorCodes"), symbol: client,
                "error-code table changed from \(describe(before.errorCodes)) to \(describe(after.errorCodes))"
            )
        }
    }

    /// Each signing rule on its own: any change makes every signature of the section differ.
    private mutating func compareSigning(_ before: Section, _ after: Section, _ subject: SchemaChange.Subject) {
        let (was, now) = (before.signing, after.signing)
        var changed: [(key: String, message: String)] = []
        if was.headerName != now.headerName {
            changed.append(("headerName", "signature header changed from `\(was.headerName)` to `\(now.headerName)`"))
        }
        if was.valuePrefix != now.valuePrefix {
            changed.append(
                ("valuePrefix", "signature prefix changed from \"\(was.valuePrefix)\" to \"\(now.valuePrefix)\""))
        }
        if was.excludedTopLevelFields != now.excludedTopLevelFields {
            let list = { (fields: [String]) in "[" + fields.joined(separator: ", ") + "]" }
            changed.append(
                (
                    "excludedTopLevelFields",
                    "fields left out of the signature changed from \(list(was.excludedTopLevelFields)) to \(list(now.excludedTopLevelFields))"
                ))
        }
        if was.excludesEmptyStrings != now.excludesEmptyStrings {
            changed.append(
                (
                    "excludesEmptyStrings",
                    now.excludesEmptyStrings
                        ? "empty strings are now left out of the signature" : "empty strings are now signed"
                ))
        }
        for (key, message) in changed {
            add(
                .signingChanged, swift: false, wire: true, subject, at: inNew(after.location, "signing", key),
                symbol: newSymbols.signing(after.id), message)
        }
    }

    // MARK: Operations

    mutating func compareOperations() {
        let matched = Self.match(
            old.operations, new.operations,
            isRename: { $0.method == $1.method && $0.path == $1.path },
            prefers: { $0.section == $1.section }
        )
        for id in matched.removed {
            let operation = old.operations[id]!
            add(
                .operationRemoved, swift: true, wire: true, .init(.operation, id), at: inOld(operation.location),
                symbol: oldSymbols.operation(operation), "operation `\(id)` (\(Self.endpoint(operation))) removed"
            )
        }
        for id in matched.added {
            let operation = new.operations[id]!
            add(
                .operationAdded, swift: false, wire: false, .init(.operation, id), at: inNew(operation.location),
                symbol: newSymbols.operation(operation), "operation `\(id)` (\(Self.endpoint(operation))) added"
            )
        }
        for (oldID, newID) in matched.renamed {
            let (before, after) = (old.operations[oldID]!, new.operations[newID]!)
            add(
                .operationRenamed, swift: true, wire: false, .init(.operation, newID), at: inNew(after.location),
                symbol: oldSymbols.operation(before),
                "operation `\(oldID)` renamed to `\(newID)` (same \(Self.endpoint(after))): now \(Self.code(newSymbols.operation(after)))"
            )
            compareOperation(before, after)
        }
        for id in matched.common {
            compareOperation(old.operations[id]!, new.operations[id]!)
        }
    }

    static func endpoint(_ operation: Operation) -> String { "`\(operation.method.rawValue) \(operation.path)`" }

    private mutating func compareOperation(_ before: Operation, _ after: Operation) {
        let subject = SchemaChange.Subject(.operation, after.id)
        let symbol = newSymbols.operation(after)
        moved(before.location, after.location, subject, symbol: symbol)
        if before.section != after.section {
            add(
                .operationSectionChanged, swift: true, wire: true, subject, at: inNew(after.location, "section"),
                symbol: oldSymbols.operation(before),
                "moved from section `\(before.section)` to `\(after.section)`: now \(Self.code(symbol))"
            )
        }
        if before.method != after.method {
            add(
                .methodChanged, swift: false, wire: true, subject, at: inNew(after.location, "method"), symbol: symbol,
                "HTTP method changed from \(before.method.rawValue) to \(after.method.rawValue)"
            )
        }
        if before.path != after.path {
            add(
                .pathChanged, swift: false, wire: true, subject, at: inNew(after.location, "path"), symbol: symbol,
                "path changed from `\(before.path)` to `\(after.path)`"
            )
        }
        for environment in Set(before.environmentPaths.keys).union(after.environmentPaths.keys).sorted() {
            switch (before.environmentPaths[environment], after.environmentPaths[environment]) {
            case (let was?, nil):
                add(
                    .pathChanged, swift: false, wire: true, subject,
                    at: inOld(before.location, "environmentPaths", environment),
                    symbol: symbol, "\(environment) path `\(was)` removed; \(environment) now uses `\(after.path)`"
                )
            case (nil, let path?):
                add(
                    .pathChanged, swift: false, wire: true, subject,
                    at: inNew(after.location, "environmentPaths", environment),
                    symbol: symbol, "\(environment) path is now `\(path)` instead of `\(before.path)`"
                )
            case (let was?, let path?) where was != path:
                add(
                    .pathChanged, swift: false, wire: true, subject,
                    at: inNew(after.location, "environmentPaths", environment),
                    symbol: symbol, "\(environment) path changed from `\(was)` to `\(path)`"
                )
            default:
                break
            }
        }
        if before.requestPlacement != after.requestPlacement {
            add(
                .requestPlacementChanged, swift: false, wire: true, subject, at: inNew(after.location, "request", "in"),
                symbol: symbol,
                "request now sent in the \(after.requestPlacement.rawValue) instead of the \(before.requestPlacement.rawValue)"
            )
        }
        if before.requestModel != after.requestModel {
            add(
                .requestModelChanged, swift: true, wire: true, subject, at: inNew(after.location, "request", "model"),
                symbol: symbol,
                "request type changed from `\(before.requestModel)` to `\(after.requestModel)`"
            )
        }
        if before.result != after.result {
            add(
                .resultChanged, swift: true, wire: true, subject, at: inNew(after.location, "response", "result"),
                symbol: symbol,
                "result type changed from `\(GeneratedSymbols.typeName(before.result))` to `\(GeneratedSymbols.typeName(after.result))`"
            )
        }
        for format in ErrorFormat.allCases
        where before.errorFormats.contains(format) && !after.errorFormats.contains(format) {
            add(
                .errorFormatRemoved, swift: false, wire: true, subject, at: inOld(before.location, "errorFormats"),
                symbol: symbol,
                "error format `\(format.rawValue)` removed"
            )
        }
        for format in ErrorFormat.allCases
        where after.errorFormats.contains(format) && !before.errorFormats.contains(format) {
            add(
                .errorFormatAdded, swift: false, wire: true, subject, at: inNew(after.location, "errorFormats"),
                symbol: symbol,
                "error format `\(format.rawValue)` added: clients built before do not recognise these errors"
            )
        }
        if before.idempotent != after.idempotent {
            add(
                .idempotencyChanged, swift: false, wire: false, subject, at: inNew(after.location, "idempotent"),
                symbol: symbol,
                after.idempotent
                    ? "now idempotent: the retry policy may repeat it" : "no longer idempotent: never retried"
            )
        }
        let (was, now) = (before.location, after.location)
        text("summary", before.summary, after.summary, subject, old: was, new: now, ["summary"], symbol: symbol)
        text(
            "description", before.description, after.description, subject, old: was, new: now, ["description"],
            symbol: symbol)
        text(
            "documentation link", before.documentation, after.documentation, subject, old: was, new: now,
            ["documentation"], symbol: symbol)
        text(
            "result description", before.resultDescription, after.resultDescription, subject, old: was, new: now,
            ["response", "description"], symbol: symbol)
        texts("quirks", before.quirks, after.quirks, subject, old: was, new: now, ["quirks"], symbol: symbol)
        compareExamples(.operation(before), .operation(after), before.examples, after.examples, subject)
    }

    // MARK: Callbacks

    mutating func compareCallbacks() {
        let matched = Self.match(
            old.callbacks, new.callbacks,
            isRename: { $0.section == $1.section && $0.method == $1.method && $0.payloadModel == $1.payloadModel }
        )
        for id in matched.removed {
            let callback = old.callbacks[id]!
            add(
                .callbackRemoved, swift: true, wire: false, .init(.callback, id), at: inOld(callback.location),
                symbol: oldSymbols.callback(callback), "callback `\(id)` removed"
            )
        }
        for id in matched.added {
            let callback = new.callbacks[id]!
            add(
                .callbackAdded, swift: false, wire: false, .init(.callback, id), at: inNew(callback.location),
                symbol: newSymbols.callback(callback), "callback `\(id)` added"
            )
        }
        for (oldID, newID) in matched.renamed {
            let (before, after) = (old.callbacks[oldID]!, new.callbacks[newID]!)
            add(
                .callbackRenamed, swift: true, wire: false, .init(.callback, newID), at: inNew(after.location),
                symbol: oldSymbols.callback(before),
                "callback `\(oldID)` renamed to `\(newID)` (same payload `\(after.payloadModel)`): now \(Self.code(newSymbols.callback(after)))"
            )
            compareCallback(before, after)
        }
        for id in matched.common {
            compareCallback(old.callbacks[id]!, new.callbacks[id]!)
        }
    }

    private mutating func compareCallback(_ before: Callback, _ after: Callback) {
        let subject = SchemaChange.Subject(.callback, after.id)
        let symbol = newSymbols.callback(after)
        moved(before.location, after.location, subject, symbol: symbol)
        if before.section != after.section {
            add(
                .callbackSectionChanged, swift: false, wire: true, subject, at: inNew(after.location, "section"),
                symbol: symbol,
                "moved from section `\(before.section)` to `\(after.section)`: verified with that section's signing rules"
            )
        }
        if before.method != after.method {
            add(
                .callbackPayloadChanged, swift: false, wire: true, subject, at: inNew(after.location, "method"),
                symbol: symbol,
                "HTTP method changed from \(before.method.rawValue) to \(after.method.rawValue)"
            )
        }
        if before.payloadPlacement != after.payloadPlacement {
            add(
                .callbackPayloadChanged, swift: true, wire: true, subject, at: inNew(after.location, "payload", "in"),
                symbol: oldSymbols.callback(before),
                "payload now arrives in the \(after.payloadPlacement.rawValue) instead of the \(before.payloadPlacement.rawValue): now \(Self.code(symbol))"
            )
        }
        if before.payloadModel != after.payloadModel {
            add(
                .callbackPayloadChanged, swift: true, wire: true, subject,
                at: inNew(after.location, "payload", "model"), symbol: symbol,
                "payload type changed from `\(before.payloadModel)` to `\(after.payloadModel)`"
            )
        }
        switch (before.replyModel, after.replyModel) {
        case (let was?, nil):
            add(
                .callbackReplyRemoved, swift: false, wire: false, subject, at: inOld(before.location, "reply"),
                symbol: symbol,
                "reply `\(was)` removed: the server no longer reads it"
            )
        case (nil, let reply?):
            add(
                .callbackReplyAdded, swift: false, wire: true, subject, at: inNew(after.location, "reply"),
                symbol: symbol,
                "reply `\(reply)` added: merchants' servers built before do not answer with it"
            )
        case (let was?, let reply?) where was != reply:
            add(
                .callbackReplyChanged, swift: true, wire: true, subject, at: inNew(after.location, "reply", "model"),
                symbol: symbol,
                "reply type changed from `\(was)` to `\(reply)`"
            )
        default:
            break
        }
        let (was, now) = (before.location, after.location)
        text("summary", before.summary, after.summary, subject, old: was, new: now, ["summary"], symbol: symbol)
        text(
            "description", before.description, after.description, subject, old: was, new: now, ["description"],
            symbol: symbol)
        text(
            "documentation link", before.documentation, after.documentation, subject, old: was, new: now,
            ["documentation"], symbol: symbol)
        text(
            "merchantMustAnswer", before.merchantMustAnswer, after.merchantMustAnswer, subject, old: was, new: now,
            ["merchantMustAnswer"], symbol: symbol)
        texts("quirks", before.quirks, after.quirks, subject, old: was, new: now, ["quirks"], symbol: symbol)
        compareExamples(.callback(before), .callback(after), before.examples, after.examples, subject)
    }

    // MARK: Examples

    private mutating func compareExamples(
        _ oldOwner: ExampleOwner, _ newOwner: ExampleOwner, _ before: [String: Example], _ after: [String: Example],
        _ subject: SchemaChange.Subject
    ) {
        let matched = Self.match(before, after)
        for name in matched.removed {
            add(
                .exampleRemoved, swift: false, wire: false, subject, at: inOld(before[name]!.location),
                symbol: oldSymbols.example(oldOwner, name), "example `\(name)` removed"
            )
        }
        for name in matched.added {
            add(
                .exampleAdded, swift: false, wire: false, subject, at: inNew(after[name]!.location),
                symbol: newSymbols.example(newOwner, name), "example `\(name)` added"
            )
        }
        for name in matched.common {
            let keys = Self.changedKeys(before[name]!, after[name]!)
            guard !keys.isEmpty else { continue }
            add(
                .exampleChanged, swift: false, wire: false, subject, at: inNew(after[name]!.location),
                symbol: newSymbols.example(newOwner, name), "example `\(name)` changed: \(keys.joined(separator: ", "))"
            )
        }
    }

    /// The keys of an example whose values differ.
    static func changedKeys(_ before: Example, _ after: Example) -> [String] {
        let pairs: [(String, Bool)] = [
            ("kind", before.kind == after.kind),
            ("provenance", before.provenance == after.provenance),
            ("description", before.description == after.description),
            ("quirk", before.quirk == after.quirk),
            ("correction", before.correction == after.correction),
            ("asDocumented", before.asDocumented == after.asDocumented),
            ("body", before.body == after.body),
            ("httpStatus", before.httpStatus == after.httpStatus),
            ("expect", before.expect == after.expect),
            ("secret", before.secret == after.secret),
            ("canonical", before.canonical == after.canonical),
            ("signature", before.signature == after.signature),
        ]
        return pairs.filter { !$0.1 }.map(\.0)
    }
}
