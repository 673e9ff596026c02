import TarlanGeneratorKit

/// Field tables against models: every row is a field of the model at its depth (`-x` under the
/// row above); a table that is not cut off also shows which fields are gone.
extension PageComparison {
    static let envelope: Set<String> = ["status", "status_code", "message", "result"]

    /// Compares the rows of `table` with `model`; a response table's top level is the envelope and
    /// its `result` row holds `model`.
    mutating func compareFieldTable(_ table: PageTable, model rootModel: String, isResponse: Bool) {
        guard schema.models[rootModel] != nil else { return }
        let requiredColumn = table.column("required", "mandatory")
        let typeColumn = table.column("type")
        let comparesRequired = !isResponse || table.rows.contains(where: \.required)
        // Depth → the model whose fields rows at that depth are.
        var modelAtDepth: [Int: String] = [0: rootModel]
        var seen: [String: Set<String>] = [:]
        var coveredModels: Set<String> = []

        for row in table.rows where !row.name.isEmpty {
            if isResponse, row.depth == 0, Self.envelope.contains(row.name) {
                if row.name == "result" { modelAtDepth[1] = rootModel }
                modelAtDepth = modelAtDepth.filter { $0.key <= 1 }
                continue
            }
            // Rows without a result row above are the result's own fields.
            let depth = isResponse && modelAtDepth[1] == rootModel ? max(row.depth, 1) : row.depth
            modelAtDepth = modelAtDepth.filter { $0.key <= depth }
            guard let modelName = modelAtDepth[depth], let model = schema.models[modelName] else { continue }
            coveredModels.insert(modelName)
            let field = model.fields[row.name] ?? model.fields.values.first { $0.aliases.contains(row.name) }
            guard let field else {
                report(
                    .fieldAdded, field: row.name, pointer: "/models/\(modelName)/fields/\(Self.escape(row.name))",
                    line: row.line,
                    "\(table.heading.isEmpty ? "the table" : table.heading) documents \(row.name) "
                        + "(\(row.cell(typeColumn) ?? "no type")); "
                        + "\(modelName) has no such field"
                )
                continue
            }
            seen[modelName, default: []].insert(field.name)
            let pointer = "/models/\(modelName)/fields/\(Self.escape(field.name))"
            if let documented = row.cell(typeColumn) {
                compareType(documented, field: field, pointer: pointer, line: row.line)
            }
            if comparesRequired {
                let required = row.required || requiredColumn.flatMap { row.cell($0) }.map(Self.saysYes) == true
                if required != field.required {
                    report(
                        .requiredChanged, field: field.name, pointer: pointer + "/required", line: row.line,
                        "\(row.name) is \(required ? "marked required (*)" : "not marked required") on the page; "
                            + "the schema has required: \(field.required)"
                    )
                }
            }
            if let child = Self.referencedModel(field.type, in: schema) { modelAtDepth[depth + 1] = child }
        }

        guard !table.mayBeCut else { return }
        for modelName in coveredModels.sorted() {
            guard let model = schema.models[modelName] else { continue }
            for field in model.fields.values.sorted(by: { $0.name < $1.name })
            where !(seen[modelName]?.contains(field.name) ?? false) && !Self.absenceRecorded(field) {
                report(
                    .fieldRemoved, field: field.name, pointer: "/models/\(modelName)/fields/\(Self.escape(field.name))",
                    line: table.line,
                    "\(table.heading.isEmpty ? "the table" : table.heading) at line \(table.line) no longer lists "
                        + "\(field.name) of \(modelName)"
                )
            }
        }
    }

    /// The page's type word against the schema's: the recorded `documentedType` when there is one,
    /// otherwise the words that fit the schema type.
    mutating func compareType(_ documented: String, field: Field, pointer: String, line: Int) {
        let kind = PageText.typeKind(documented)
        if let documentedType = field.documentedType {
            let same =
                documentedType.lowercased() == documented.lowercased()
                || (kind != nil && PageText.typeKind(documentedType) == kind)
            guard !same, !Self.recorded(documented, in: [field.quirk, field.description]) else { return }
            report(
                .typeChanged, field: field.name, pointer: pointer + "/documentedType", line: line,
                "\(field.name) is documented as \(documented); the schema records documentedType \(documentedType)"
            )
            return
        }
        let notes = [field.quirk, field.description]
        guard let kind else {
            if !Self.recorded(documented, in: notes) {
                report(
                    .typeChanged, field: field.name, pointer: pointer + "/documentedType", line: line,
                    "\(field.name) is documented as \(documented), a type word the check does not know"
                )
            }
            return
        }
        guard !Self.fits(kind, field.type, schema: schema), !Self.recorded(documented, in: notes) else { return }
        let key = if case .reference = field.type { "/ref" } else { "/type" }
        report(
            .typeChanged, field: field.name, pointer: pointer + key, line: line,
            "\(field.name) is documented as \(documented); the schema has \(TypeExpressionName.of(field.type))"
        )
    }

    static func fits(_ kind: PageText.TypeKind, _ type: TypeExpression, schema: APISchema) -> Bool {
        switch type {
        case .string, .timestamp: kind == .string
        case .integer: kind == .integer
        case .number, .decimal: kind == .number || kind == .integer
        case .boolean: kind == .boolean
        case .flag: kind == .boolean || kind == .string
        case .json: true
        case .array: kind == .array
        case .reference(let name):
            if let enumeration = schema.enums[name] {
                enumeration.rawType == .string ? kind == .string : kind == .integer
            } else {
                kind == .object
            }
        }
    }

    static func referencedModel(_ type: TypeExpression, in schema: APISchema) -> String? {
        switch type {
        case .reference(let name) where schema.models[name] != nil: name
        case .array(let items): referencedModel(items, in: schema)
        default: nil
        }
    }

    /// A field the schema knows is missing from the documentation's table (its quirk says so).
    static func absenceRecorded(_ field: Field) -> Bool {
        guard let quirk = field.quirk?.lowercased() else { return false }
        return ["not in ", "missing from", "absent from", "undocumented", "not documented", "no field table"]
            .contains { quirk.contains($0) }
    }

    static func saysYes(_ cell: String) -> Bool {
        ["yes", "y", "true", "required", "mandatory", "+", "*"].contains(cell.lowercased())
    }
}
