import TarlanCore

/// Load stage: schema files (bytes) → ``APISchema`` with source locations.
///
/// Reports malformed JSON, unknown keys, wrong value types and names defined twice.
/// Meaning (references, examples against models, signatures) is the validator's job.
package enum SchemaLoader {
    /// A schema file as read from disk.
    package struct File: Sendable {
        package var path: String
        package var contents: [UInt8]

        package init(path: String, contents: [UInt8]) {
            self.path = path
            self.contents = contents
        }
    }

    package static func load(_ files: [File]) throws(GenerationFailed) -> APISchema {
        var log = DiagnosticLog()
        var schema = APISchema()
        for file in files.sorted(by: { $0.path < $1.path }) {
            load(file, into: &schema, log: &log)
        }
        if log.hasErrors { throw GenerationFailed(diagnostics: log.sorted) }
        ModelRoles.assign(&schema)
        return schema
    }

    private static func load(_ file: File, into schema: inout APISchema, log: inout DiagnosticLog) {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(file.contents)
        } catch {
            let location = SourceLocation(
                file: file.path, line: error.line, column: error.column, pointer: error.pointer)
            log.error("invalid JSON: \(error.message)", at: location)
            return
        }
        let map = SourceMap(contents: file.contents)
        schema.sourceMaps[file.path] = map
        let root = NodeReader(parsed, pointer: "", file: FileContext(path: file.path, map: map))
        let topLevel = ["$schema", "sections", "operations", "models", "enums", "signatureVectors", "callbacks"]
        guard root.expectObject("a schema document", optional: topLevel, log: &log) else { return }

        merge(root.child("sections"), "section", into: &schema.sections, log: &log, read: EntityReader.section)
        merge(root.child("operations"), "operation", into: &schema.operations, log: &log, read: EntityReader.operation)
        merge(root.child("models"), "model", into: &schema.models, log: &log, read: EntityReader.model)
        merge(root.child("enums"), "enum", into: &schema.enums, log: &log, read: EntityReader.enumeration)
        merge(root.child("callbacks"), "callback", into: &schema.callbacks, log: &log, read: EntityReader.callback)
        merge(
            root.child("signatureVectors"), "signature vector", into: &schema.signatureVectors,
            log: &log, read: EntityReader.signatureVector
        )
    }

    /// Reads each member of a name-keyed object, rejecting a name another file already defined.
    private static func merge<Entity>(
        _ node: NodeReader?,
        _ kind: String,
        into table: inout [String: Entity],
        log: inout DiagnosticLog,
        read: @Sendable (String, NodeReader, inout DiagnosticLog) -> Entity?
    ) where Entity: Located & Sendable {
        guard let node, node.expectAnyObject("\"\(kind)s\"", log: &log) else { return }
        // Entities read independently: runs of them on all cores, merged in name order.
        let runs = ParallelMap.map(ParallelMap.chunks(node.sortedChildren(), pieces: 16)) { run in
            var runLog = DiagnosticLog()
            let entities = run.map { name, child in (name, child, read(name, child, &runLog)) }
            return (entities, runLog)
        }
        for (_, runLog) in runs { log.append(runLog) }
        for (name, child, entity) in runs.lazy.flatMap(\.0) {
            guard let entity else { continue }
            if let existing = table[name] {
                log.error(
                    "duplicate \(kind) \"\(name)\"; first defined at \(existing.location.file):\(existing.location.line)",
                    at: child.location
                )
                continue
            }
            table[name] = entity
        }
    }
}

/// Anything defined somewhere in a schema file.
protocol Located {
    var location: SourceLocation { get }
}

extension Section: Located {}
extension Operation: Located {}
extension Model: Located {}
extension EnumDefinition: Located {}
extension SignatureVector: Located {}
extension Callback: Located {}
