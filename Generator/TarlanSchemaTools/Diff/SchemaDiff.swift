import TarlanCore
import TarlanGeneratorKit

/// Compares two schemas and gives every difference two verdicts: breaking for code that uses the
/// generated module (`swiftBreaking`) and breaking on the wire (`wireBreaking`). Pure: two ``APISchema`` values in, a ``SchemaDiffReport`` out.
///
/// Renames are found where the schema allows it: an operation removed and one added with the same
/// method and path, a callback with the same section, method and payload model, an enum case with
/// the same value, a field whose new definition lists the old key in `aliases`, keeps the Swift
/// property name, or is the only one of the same type and requiredness.
package enum SchemaDiff {
    /// - Parameter detectsMoves: report an entity moved to another file (it changes the generated
    ///   doc comments). Only meaningful when both schemas are folders with the same file names.
    package static func compare(_ old: APISchema, _ new: APISchema, detectsMoves: Bool = true) -> SchemaDiffReport {
        var differ = SchemaDiffer(old: old, new: new, detectsMoves: detectsMoves)
        differ.compareSections()
        differ.compareOperations()
        differ.compareCallbacks()
        differ.compareModels()
        differ.compareEnums()
        differ.compareSignatureVectors()
        return SchemaDiffReport(changes: differ.changes)
    }
}

/// How a model is used, directly or through other models' fields.
struct ModelUsage: OptionSet, Hashable {
    let rawValue: Int
    /// Built by the caller and encoded: adding a required field breaks the memberwise initialiser.
    static let request = ModelUsage(rawValue: 1)
    /// Decoded and read: a field becoming optional breaks code reading it.
    static let response = ModelUsage(rawValue: 2)
    /// Sent by clients to the server (operation requests, not callback replies or payloads): on the
    /// wire, the server refuses what lacks a field it requires.
    static let sent = ModelUsage(rawValue: 4)

    /// Request models, callback payloads and replies, and results, followed through fields.
    ///
    /// Callback payloads and replies count as both: merchant code reads the decoded payload (like a
    /// result) and builds the reply (like a request), and tests build payloads too.
    static func of(_ schema: APISchema) -> [String: ModelUsage] {
        var roots: [(TypeExpression, ModelUsage)] = []
        for operation in schema.operations.values.sorted(by: { $0.id < $1.id }) {
            roots.append((.reference(operation.requestModel), [.request, .sent]))
            roots.append((operation.result, .response))
        }
        for callback in schema.callbacks.values.sorted(by: { $0.id < $1.id }) {
            roots.append((.reference(callback.payloadModel), [.request, .response]))
            if let reply = callback.replyModel { roots.append((.reference(reply), [.request, .response])) }
        }
        var usage: [String: ModelUsage] = [:]
        var work = roots
        while let (type, use) = work.popLast() {
            switch type {
            case .array(let items):
                work.append((items, use))
            case .reference(let name):
                // Enums are recorded too (a removed case matters when clients send it).
                if schema.enums[name] != nil { usage[name, default: []].formUnion(use) }
                guard let model = schema.models[name], !(usage[name] ?? []).isSuperset(of: use) else { continue }
                usage[name, default: []].formUnion(use)
                work += model.sortedFields.map { ($0.type, use) }
            default:
                continue
            }
        }
        return usage
    }
}

/// A JSON pointer in one file.
struct DiffPlace {
    var file: String
    var pointer: String
}

/// Collects the changes; one `compare…` function per kind of entity.
struct SchemaDiffer {
    let old: APISchema
    let new: APISchema
    let detectsMoves: Bool
    let oldSymbols: DiffSymbols
    let newSymbols: DiffSymbols
    /// Usage in either schema: a model used as a request in one of them is a request model.
    let usage: [String: ModelUsage]
    var changes: [SchemaChange] = []

    init(old: APISchema, new: APISchema, detectsMoves: Bool) {
        self.old = old
        self.new = new
        self.detectsMoves = detectsMoves
        oldSymbols = DiffSymbols(schema: old)
        newSymbols = DiffSymbols(schema: new)
        usage = ModelUsage.of(old).merging(ModelUsage.of(new)) { $0.union($1) }
    }

    // MARK: Recording

    mutating func add(
        _ kind: SchemaChange.Kind, swift: Bool, wire: Bool, _ subject: SchemaChange.Subject, at place: DiffPlace,
        symbol: String, _ message: String
    ) {
        changes.append(
            SchemaChange(
                kind: kind, swiftBreaking: swift, wireBreaking: wire, subject: subject, pointer: place.pointer,
                file: place.file,
                symbol: symbol, message: message
            ))
    }

    /// The pointer `tokens` below `location` in `schema`, or the nearest ancestor the file really
    /// has (a key left at its default is not written, e.g. `"required": false`).
    static func place(_ schema: APISchema, _ location: SourceLocation, _ tokens: [String] = []) -> DiffPlace {
        var pointers = [location.pointer]
        for token in tokens { pointers.append(JSONPointer.append(pointers.last!, token)) }
        guard let map = schema.sourceMaps[location.file] else {
            return DiffPlace(file: location.file, pointer: pointers.last!)
        }
        let pointer = pointers.last { map[$0] != nil } ?? location.pointer
        return DiffPlace(file: location.file, pointer: pointer)
    }

    func inNew(_ location: SourceLocation, _ tokens: String...) -> DiffPlace { Self.place(new, location, tokens) }
    func inOld(_ location: SourceLocation, _ tokens: String...) -> DiffPlace { Self.place(old, location, tokens) }

    /// A documentation text (summary, description, quirk, …) that was added, changed or removed.
    mutating func text(
        _ label: String, _ before: String?, _ after: String?, _ subject: SchemaChange.Subject,
        old oldLocation: SourceLocation, new newLocation: SourceLocation, _ tokens: [String], symbol: String
    ) {
        guard before != after else { return }
        switch (before, after) {
        case (nil, .some):
            add(
                .documentationChanged, swift: false, wire: false, subject, at: Self.place(new, newLocation, tokens),
                symbol: symbol, "\(label) added")
        case (.some, nil):
            add(
                .documentationChanged, swift: false, wire: false, subject, at: Self.place(old, oldLocation, tokens),
                symbol: symbol, "\(label) removed")
        default:
            add(
                .documentationChanged, swift: false, wire: false, subject, at: Self.place(new, newLocation, tokens),
                symbol: symbol,
                "\(label) changed" + Self.shortChange(before ?? "", after ?? "")
            )
        }
    }

    /// A list of notes (`quirks`).
    mutating func texts(
        _ label: String, _ before: [String], _ after: [String], _ subject: SchemaChange.Subject,
        old oldLocation: SourceLocation, new newLocation: SourceLocation, _ tokens: [String], symbol: String
    ) {
        guard before != after else { return }
        let joined = { (notes: [String]) in notes.isEmpty ? nil : notes.joined(separator: "\n") }
        text(label, joined(before), joined(after), subject, old: oldLocation, new: newLocation, tokens, symbol: symbol)
    }

    /// `: "old" → "new"` when both fit on a short line; nothing otherwise.
    static func shortChange(_ before: String, _ after: String) -> String {
        let fits = { (text: String) in text.count <= 60 && !text.contains(where: \.isNewline) }
        return fits(before) && fits(after) ? ": \"\(before)\" → \"\(after)\"" : ""
    }

    /// An entity now defined in another file: the generated doc comments cite the file.
    mutating func moved(
        _ before: SourceLocation, _ after: SourceLocation, _ subject: SchemaChange.Subject, symbol: String
    ) {
        let name = { (location: SourceLocation) in
            location.file.split(separator: "/").last.map(String.init) ?? location.file
        }
        guard detectsMoves, name(before) != name(after) else { return }
        add(
            .moved, swift: false, wire: false, subject, at: inNew(after), symbol: symbol,
            "moved from \(name(before)) to \(name(after))")
    }

    /// Keys only in `old`, keys only in `new`, renamed pairs and keys in both, each sorted.
    /// `isRename` pairs a removed entity with an added one; `prefers` picks among several candidates.
    static func match<Entity>(
        _ old: [String: Entity], _ new: [String: Entity],
        isRename: (Entity, Entity) -> Bool = { _, _ in false },
        prefers: (Entity, Entity) -> Bool = { _, _ in false }
    ) -> (removed: [String], added: [String], renamed: [(old: String, new: String)], common: [String]) {
        var removed = Set(old.keys).subtracting(new.keys).sorted()
        var added = Set(new.keys).subtracting(old.keys).sorted()
        var renamed: [(old: String, new: String)] = []
        for name in removed {
            let candidates = added.filter { isRename(old[name]!, new[$0]!) }
            guard let pick = candidates.first(where: { prefers(old[name]!, new[$0]!) }) ?? candidates.first else {
                continue
            }
            renamed.append((name, pick))
            removed.removeAll { $0 == name }
            added.removeAll { $0 == pick }
        }
        return (removed, added, renamed, Set(old.keys).intersection(new.keys).sorted())
    }

    static func code(_ text: String) -> String { "`\(text)`" }
}
