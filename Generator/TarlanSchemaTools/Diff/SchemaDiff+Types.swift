import TarlanCore
import TarlanGeneratorKit

/// Models and their fields, enums and their cases, signature vectors.
extension SchemaDiffer {
    // MARK: Models

    mutating func compareModels() {
        let matched = Self.match(old.models, new.models)
        for name in matched.removed {
            add(
                .modelRemoved, swift: true, wire: false, .init(.model, name), at: inOld(old.models[name]!.location),
                symbol: name, "model `\(name)` removed"
            )
        }
        for name in matched.added {
            add(
                .modelAdded, swift: false, wire: false, .init(.model, name), at: inNew(new.models[name]!.location),
                symbol: name, "model `\(name)` added"
            )
        }
        for name in matched.common {
            compareModel(old.models[name]!, new.models[name]!)
        }
    }

    /// How a model is used; a model nothing uses gets the strictest rules.
    private func use(of model: String) -> ModelUsage {
        let use = usage[model] ?? []
        return use.isEmpty ? [.request, .response] : use
    }

    private mutating func compareModel(_ before: Model, _ after: Model) {
        let subject = SchemaChange.Subject(.model, after.name)
        moved(before.location, after.location, subject, symbol: after.name)
        text(
            "description", before.description, after.description, subject, old: before.location, new: after.location,
            ["description"], symbol: after.name)

        let use = use(of: after.name)
        let matched = Self.matchFields(before, after)
        for name in matched.removed {
            let field = before.fields[name]!
            add(
                // Answers without a field that was required no longer decode in clients built before.
                .fieldRemoved, swift: true, wire: field.required && use.contains(.response), subject,
                at: inOld(field.location),
                symbol: oldSymbols.field(before.name, field), "field `\(name)` removed"
            )
        }
        for name in matched.added {
            let field = after.fields[name]!
            let type = Self.code(GeneratedSymbols.propertyType(field))
            // A required field is an initialiser parameter without a default; the server refuses
            // requests without it. An optional one has a default (`= nil`): source-compatible. So is
            // a required field of a model read leniently (a callback payload's): optional in Swift.
            let wire = field.required && use.contains(.sent)
            let message =
                if wire && field.requiredInSwift {
                    "required request field `\(name)` (\(type)) added: the initialiser needs it"
                } else if field.requiredInSwift {
                    "required field `\(name)` (\(type)) added: the initialiser needs it"
                } else {
                    "\(field.required ? "required" : "optional") field `\(name)` (\(type)) added"
                }
            add(
                .fieldAdded, swift: field.requiredInSwift, wire: wire, subject, at: inNew(field.location),
                symbol: newSymbols.field(after.name, field), message
            )
        }
        for (oldName, newName) in matched.renamed {
            let (was, now) = (before.fields[oldName]!, after.fields[newName]!)
            let (oldProperty, newProperty) = (GeneratedSymbols.propertyName(was), GeneratedSymbols.propertyName(now))
            let swift =
                oldProperty == newProperty
                ? "Swift property `\(newProperty)` unchanged"
                : "Swift property `\(oldProperty)` is now `\(newProperty)`"
            // The JSON key changes; a response field that lists the old key as an alias still reads it.
            let readsOldKey = now.aliases.contains(oldName) && !use.contains(.sent)
            add(
                .fieldRenamed, swift: oldProperty != newProperty, wire: !readsOldKey, subject, at: inNew(now.location),
                symbol: oldSymbols.field(before.name, was),
                "field `\(oldName)` renamed to `\(newName)` (\(swift))"
            )
            compareField(was, now, model: after.name, use: use, renamed: true)
        }
        for name in matched.common {
            compareField(before.fields[name]!, after.fields[name]!, model: after.name, use: use, renamed: false)
        }
    }

    /// Fields paired as renames, in three passes: the new field lists the old key in `aliases`;
    /// the Swift property name is the same; the only removed and added fields of the same type
    /// and requiredness.
    static func matchFields(_ before: Model, _ after: Model)
        -> (removed: [String], added: [String], renamed: [(old: String, new: String)], common: [String])
    {
        var removed = Set(before.fields.keys).subtracting(after.fields.keys).sorted()
        var added = Set(after.fields.keys).subtracting(before.fields.keys).sorted()
        var renamed: [(old: String, new: String)] = []
        let passes: [(Field, Field) -> Bool] = [
            { was, now in now.aliases.contains(was.name) },
            { was, now in GeneratedSymbols.propertyName(was) == GeneratedSymbols.propertyName(now) },
            { was, now in was.type == now.type && was.required == now.required },
        ]
        for (index, isRename) in passes.enumerated() {
            for name in removed {
                let was = before.fields[name]!
                let candidates = added.filter { isRename(was, after.fields[$0]!) }
                guard let pick = candidates.first else { continue }
                if index == passes.count - 1 {
                    // Only an unambiguous match in both directions.
                    let rivals = removed.filter { isRename(before.fields[$0]!, after.fields[pick]!) }
                    guard candidates.count == 1, rivals.count == 1 else { continue }
                }
                renamed.append((name, pick))
                removed.removeAll { $0 == name }
                added.removeAll { $0 == pick }
            }
        }
        return (removed, added, renamed, Set(before.fields.keys).intersection(after.fields.keys).sorted())
    }

    private mutating func compareField(_ was: Field, _ now: Field, model: String, use: ModelUsage, renamed: Bool) {
        let subject = SchemaChange.Subject(.model, model)
        let symbol = newSymbols.field(model, now)
        let (oldProperty, newProperty) = (GeneratedSymbols.propertyName(was), GeneratedSymbols.propertyName(now))
        if !renamed, oldProperty != newProperty {
            add(
                .fieldRenamed, swift: true, wire: false, subject, at: inNew(now.location, "swiftName"),
                symbol: oldSymbols.field(model, was),
                "Swift property of `\(now.name)` renamed from `\(oldProperty)` to `\(newProperty)`"
            )
        }
        if was.type != now.type {
            add(
                .fieldTypeChanged, swift: GeneratedSymbols.propertyType(was) != GeneratedSymbols.propertyType(now),
                wire: true,
                subject, at: inNew(now.location), symbol: symbol,
                "type of `\(now.name)` changed from `\(GeneratedSymbols.typeName(was.type))` to `\(GeneratedSymbols.typeName(now.type))`"
            )
        }
        let wasAccepted = Set(was.accepts.map(\.rawValue))
        let nowAccepted = Set(now.accepts.map(\.rawValue))
        for kind in wasAccepted.subtracting(nowAccepted).sorted() {
            add(
                .fieldTypeChanged, swift: false, wire: true, subject, at: inNew(now.location, "accepts"),
                symbol: symbol,
                "`\(now.name)` no longer accepts a JSON \(kind)"
            )
        }
        for kind in nowAccepted.subtracting(wasAccepted).sorted() {
            add(
                .fieldDecodingWidened, swift: false, wire: false, subject, at: inNew(now.location, "accepts"),
                symbol: symbol,
                "`\(now.name)` now also accepts a JSON \(kind)"
            )
        }
        // A renamed field's old key is no alias it lost.
        for alias in Set(was.aliases).subtracting(now.aliases).subtracting([now.name]).sorted() {
            add(
                .fieldTypeChanged, swift: false, wire: true, subject, at: inNew(now.location, "aliases"),
                symbol: symbol,
                "`\(now.name)` is no longer decoded from the key `\(alias)`"
            )
        }
        for alias in Set(now.aliases).subtracting(was.aliases).subtracting([was.name]).sorted() {
            add(
                .fieldDecodingWidened, swift: false, wire: false, subject, at: inNew(now.location, "aliases"),
                symbol: symbol,
                "`\(now.name)` is now also decoded from the key `\(alias)`"
            )
        }
        // Either way the property's type changes (`if let` or a `T` binding stops compiling) and so
        // does the initialiser parameter's, unless the model is read leniently (every property
        // optional). On the wire: the server refuses requests without a field it now requires;
        // answers without a field a client requires (a model read leniently requires none) no
        // longer decode.
        let swiftTypeChanged = GeneratedSymbols.propertyType(was) != GeneratedSymbols.propertyType(now)
        if !was.required, now.required {
            let message =
                if !swiftTypeChanged {
                    "`\(now.name)` made required: read leniently, the property stays optional"
                } else if use.contains(.request) {
                    "request field `\(now.name)` made required: the initialiser needs it"
                } else {
                    "response field `\(now.name)` made required: the property is no longer optional, "
                        + "and answers without it no longer decode"
                }
            add(
                .fieldMadeRequired, swift: swiftTypeChanged, wire: use.contains(.sent) || now.requiredInSwift, subject,
                at: inNew(now.location, "required"), symbol: symbol, message
            )
        }
        if was.required, !now.required {
            let response = use.contains(.response)
            let message =
                if !swiftTypeChanged {
                    "`\(now.name)` made optional: read leniently, the property already was"
                } else {
                    "\(response ? "response" : "request") field `\(now.name)` made optional: "
                        + "the property is now `\(GeneratedSymbols.propertyType(now))`"
                }
            add(
                .fieldMadeOptional, swift: swiftTypeChanged, wire: response && was.requiredInSwift, subject,
                at: inNew(now.location, "required"), symbol: symbol, message
            )
        }
        // Same schema, another Swift type: the model started or stopped being read leniently (reached
        // from a callback payload, every property optional), e.g. when its callback was removed.
        if was.required == now.required, was.type == now.type, swiftTypeChanged {
            add(
                .fieldTypeChanged, swift: true, wire: false, subject, at: inNew(now.location), symbol: symbol,
                "property `\(newProperty)` is now `\(GeneratedSymbols.propertyType(now))` instead of "
                    + "`\(GeneratedSymbols.propertyType(was))`: "
                    + (now.inLenientModel
                        ? "the model is now read leniently, as a callback payload"
                        : "the model is no longer read leniently")
            )
        }
        if was.sensitive != now.sensitive {
            add(
                .fieldSensitivityChanged, swift: false, wire: false, subject, at: inNew(now.location, "sensitive"),
                symbol: symbol,
                now.sensitive
                    ? "`\(now.name)` is now card data: redacted from descriptions and logs"
                    : "`\(now.name)` is no longer redacted"
            )
        }
        let (before, after) = (was.location, now.location)
        text(
            "description of `\(now.name)`", was.description, now.description, subject, old: before, new: after,
            ["description"], symbol: symbol)
        text(
            "documented type of `\(now.name)`", was.documentedType, now.documentedType, subject, old: before,
            new: after, ["documentedType"], symbol: symbol)
        text(
            "quirk of `\(now.name)`", was.quirk, now.quirk, subject, old: before, new: after, ["quirk"], symbol: symbol)
    }

    // MARK: Enums

    mutating func compareEnums() {
        let matched = Self.match(old.enums, new.enums)
        for name in matched.removed {
            add(
                .enumRemoved, swift: true, wire: false, .init(.enum, name), at: inOld(old.enums[name]!.location),
                symbol: name, "enum `\(name)` removed"
            )
        }
        for name in matched.added {
            add(
                .enumAdded, swift: false, wire: false, .init(.enum, name), at: inNew(new.enums[name]!.location),
                symbol: name, "enum `\(name)` added"
            )
        }
        for name in matched.common {
            compareEnum(old.enums[name]!, new.enums[name]!)
        }
    }

    private mutating func compareEnum(_ before: EnumDefinition, _ after: EnumDefinition) {
        let subject = SchemaChange.Subject(.enum, after.name)
        let name = after.name
        moved(before.location, after.location, subject, symbol: name)
        if before.rawType != after.rawType {
            add(
                .enumRawTypeChanged, swift: true, wire: true, subject, at: inNew(after.location, "rawType"),
                symbol: name,
                "raw type changed from \(before.rawType.rawValue) to \(after.rawType.rawValue)"
            )
        }
        let (was, now) = (before.location, after.location)
        text(
            "description", before.description, after.description, subject, old: was, new: now, ["description"],
            symbol: name)
        text(
            "documentation link", before.documentation, after.documentation, subject, old: was, new: now,
            ["documentation"], symbol: name)
        text("quirk", before.quirk, after.quirk, subject, old: was, new: now, ["quirk"], symbol: name)

        // A case removed and one added with the same value is the same case renamed.
        let matched = Self.match(before.cases, after.cases, isRename: { $0.value == $1.value })
        for caseName in matched.removed {
            let enumCase = before.cases[caseName]!
            add(
                // Clients built before may still send the value in a request.
                .enumCaseRemoved, swift: true, wire: use(of: name).contains(.sent), subject,
                at: inOld(enumCase.location),
                symbol: oldSymbols.enumCase(name, caseName),
                "case `\(caseName)` (\(Self.literal(enumCase.value))) removed"
            )
        }
        for caseName in matched.added {
            let enumCase = after.cases[caseName]!
            // The generated enums are open (`unknown(RawValue)`), so clients built before read the new
            // value as `.unknown`; but a `switch` over every case no longer is exhaustive.
            add(
                .enumCaseAdded, swift: true, wire: false, subject, at: inNew(enumCase.location),
                symbol: newSymbols.enumCase(name, caseName),
                "case `\(caseName)` (\(Self.literal(enumCase.value))) added: a `switch` over every case needs it"
            )
        }
        for (oldName, newName) in matched.renamed {
            let enumCase = after.cases[newName]!
            add(
                .enumCaseRenamed, swift: true, wire: false, subject, at: inNew(enumCase.location),
                symbol: oldSymbols.enumCase(name, oldName),
                "case `\(oldName)` renamed to `\(newName)` (same value \(Self.literal(enumCase.value)))"
            )
            compareCase(before.cases[oldName]!, enumCase, enumName: name, subject)
        }
        for caseName in matched.common {
            compareCase(before.cases[caseName]!, after.cases[caseName]!, enumName: name, subject)
        }
    }

    private mutating func compareCase(
        _ was: EnumCase, _ now: EnumCase, enumName: String, _ subject: SchemaChange.Subject
    ) {
        let symbol = newSymbols.enumCase(enumName, now.name)
        if was.value != now.value {
            add(
                .enumCaseValueChanged, swift: false, wire: true, subject, at: inNew(now.location, "value"),
                symbol: symbol,
                "value of `\(now.name)` changed from \(Self.literal(was.value)) to \(Self.literal(now.value))"
            )
        }
        let (before, after) = (was.location, now.location)
        text(
            "description of `\(now.name)`", was.description, now.description, subject, old: before, new: after,
            ["description"], symbol: symbol)
        text(
            "message of `\(now.name)`", was.message, now.message, subject, old: before, new: after, ["message"],
            symbol: symbol)
        text(
            "HTTP status of `\(now.name)`", was.httpStatus.map(String.init), now.httpStatus.map(String.init), subject,
            old: before, new: after, ["httpStatus"], symbol: symbol
        )
        text(
            "quirk of `\(now.name)`", was.quirk, now.quirk, subject, old: before, new: after, ["quirk"], symbol: symbol)
    }

    /// An enum value as JSON: `"1"` or `8015`.
    static func literal(_ value: JSONValue) -> String {
        "`" + CanonicalJSON.string(value) + "`"
    }

    // MARK: Signature vectors

    mutating func compareSignatureVectors() {
        let matched = Self.match(old.signatureVectors, new.signatureVectors)
        for id in matched.removed {
            add(
                .signatureVectorRemoved, swift: false, wire: false, .init(.signatureVector, id),
                at: inOld(old.signatureVectors[id]!.location), symbol: oldSymbols.signatureVector(id),
                "signature vector `\(id)` removed"
            )
        }
        for id in matched.added {
            add(
                .signatureVectorAdded, swift: false, wire: false, .init(.signatureVector, id),
                at: inNew(new.signatureVectors[id]!.location), symbol: newSymbols.signatureVector(id),
                "signature vector `\(id)` added"
            )
        }
        for id in matched.common {
            let (was, now) = (old.signatureVectors[id]!, new.signatureVectors[id]!)
            let subject = SchemaChange.Subject(.signatureVector, id)
            moved(was.location, now.location, subject, symbol: newSymbols.signatureVector(id))
            let pairs: [(String, Bool)] = [
                ("section", was.section == now.section),
                ("provenance", was.provenance == now.provenance),
                ("description", was.description == now.description),
                ("input", was.input == now.input),
                ("secret", was.secret == now.secret),
                ("canonical", was.canonical == now.canonical),
                ("base64", was.base64 == now.base64),
                ("signature", was.signature == now.signature),
            ]
            let keys = pairs.filter { !$0.1 }.map(\.0)
            guard !keys.isEmpty else { continue }
            add(
                .signatureVectorChanged, swift: false, wire: false, subject, at: inNew(now.location),
                symbol: newSymbols.signatureVector(id),
                "signature vector `\(id)` changed: \(keys.joined(separator: ", "))"
            )
        }
    }
}
