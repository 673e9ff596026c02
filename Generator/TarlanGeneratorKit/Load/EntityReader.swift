import TarlanCore

/// Reads each kind of schema entity from its JSON object. One function per entity.
enum EntityReader {
    static func section(_ id: String, _ node: NodeReader, _ log: inout DiagnosticLog) -> Section? {
        guard
            node.expectObject(
                "section \"\(id)\"",
                required: ["title", "swiftPrefix", "servers", "signing", "errorFormats"],
                optional: ["description", "documentation", "errorCodes", "unmodelled"],
                log: &log
            )
        else { return nil }
        var servers: [String: String] = [:]
        if let serversNode = node.child("servers"),
            serversNode.expectObject("servers", required: ["production"], optional: ["sandbox"], log: &log)
        {
            for (name, _) in serversNode.sortedChildren() {
                servers[name] = serversNode.string(name, log: &log)
            }
        }
        var signing: SigningRules?
        var signingNote: String?
        if let signingNode = node.child("signing"),
            signingNode.expectObject(
                "signing",
                required: [
                    "headerName", "valuePrefix", "excludedTopLevelFields", "excludesEmptyStrings", "canonicalForm",
                ],
                optional: ["note"],
                log: &log
            )
        {
            signingNote = signingNode.string("note", log: &log)
            if let header = signingNode.string("headerName", log: &log),
                let prefix = signingNode.string("valuePrefix", log: &log),
                let excluded = signingNode.stringArray("excludedTopLevelFields", log: &log),
                let excludesEmpty = signingNode.bool("excludesEmptyStrings", log: &log),
                let form = signingNode.choice(
                    "canonicalForm", CanonicalForm.self, allowed: CanonicalForm.allCases, log: &log)
            {
                signing = SigningRules(
                    headerName: header, valuePrefix: prefix,
                    excludedTopLevelFields: excluded, excludesEmptyStrings: excludesEmpty, canonicalForm: form
                )
            }
        }
        var unmodelled: [String: UnmodelledOperation] = [:]
        if let unmodelledNode = node.child("unmodelled"),
            unmodelledNode.expectAnyObject("unmodelled", log: &log)
        {
            for (name, entry) in unmodelledNode.sortedChildren() {
                guard
                    entry.expectObject(
                        "unmodelled operation \"\(name)\"", required: ["method", "path", "reason"],
                        optional: ["documentation"],
                        log: &log
                    ), let method = entry.choice("method", HTTPMethod.self, allowed: HTTPMethod.allCases, log: &log),
                    let path = entry.string("path", log: &log), let reason = entry.string("reason", log: &log)
                else { continue }
                unmodelled[name] = UnmodelledOperation(
                    id: name, method: method, path: path, documentation: entry.string("documentation", log: &log),
                    reason: reason, location: entry.location)
            }
        }
        guard let title = node.string("title", log: &log),
            let prefix = node.string("swiftPrefix", log: &log),
            let signing
        else { return nil }
        return Section(
            id: id, title: title, swiftPrefix: prefix,
            description: node.string("description", log: &log),
            documentation: node.string("documentation", log: &log),
            servers: servers, signing: signing, signingNote: signingNote,
            errorCodes: node.string("errorCodes", log: &log),
            errorFormats: errorFormats(node, &log),
            unmodelled: unmodelled,
            location: node.location
        )
    }

    static func operation(_ id: String, _ node: NodeReader, _ log: inout DiagnosticLog) -> Operation? {
        guard
            node.expectObject(
                "operation \"\(id)\"",
                required: ["section", "summary", "method", "path", "request", "response", "errorFormats"],
                optional: [
                    "description", "documentation", "environmentPaths", "idempotent", "quirks", "examples", "reconcile",
                ],
                log: &log
            )
        else { return nil }
        let method = node.choice("method", HTTPMethod.self, allowed: HTTPMethod.allCases, log: &log)
        var placement: RequestLocation?
        var requestModel: String?
        if let request = node.child("request"),
            request.expectObject("request", required: ["in", "model"], log: &log)
        {
            placement = request.choice("in", RequestLocation.self, allowed: RequestLocation.allCases, log: &log)
            requestModel = request.string("model", log: &log)
        }
        var result: TypeExpression?
        var resultDescription: String?
        if let response = node.child("response"),
            response.expectObject("response", required: ["result"], optional: ["description"], log: &log)
        {
            result = response.child("result").flatMap { typeExpression($0, extraKeys: [], &log) }
            resultDescription = response.string("description", log: &log)
        }
        let examples = examples(node, allowed: [.request, .response], &log)
        var environmentPaths: [String: String] = [:]
        if let pathsNode = node.child("environmentPaths"),
            pathsNode.expectAnyObject("environmentPaths", log: &log)
        {
            for (name, _) in pathsNode.sortedChildren() {
                environmentPaths[name] = pathsNode.string(name, log: &log)
            }
        }
        guard let section = node.string("section", log: &log),
            let summary = node.string("summary", log: &log),
            let method, let path = node.string("path", log: &log),
            let placement, let requestModel, let result
        else { return nil }
        return Operation(
            id: id, section: section, summary: summary,
            description: node.string("description", log: &log),
            documentation: node.string("documentation", log: &log),
            method: method, path: path, environmentPaths: environmentPaths,
            idempotent: node.bool("idempotent", log: &log) ?? false,
            requestPlacement: placement, requestModel: requestModel,
            result: result, resultDescription: resultDescription,
            errorFormats: errorFormats(node, &log),
            reconcile: node.child("reconcile").flatMap { reconcileRule($0, &log) },
            quirks: node.stringArray("quirks", log: &log) ?? [],
            examples: examples,
            location: node.location
        )
    }

    static func reconcileRule(_ node: NodeReader, _ log: inout DiagnosticLog) -> ReconcileRule? {
        guard node.expectObject("reconcile", optional: ["operation", "fields", "constants", "note"], log: &log) else {
            return nil
        }
        var fields: [String: String] = [:]
        if let fieldsNode = node.child("fields"),
            fieldsNode.expectAnyObject("reconcile fields", log: &log)
        {
            for (name, _) in fieldsNode.sortedChildren() {
                fields[name] = fieldsNode.string(name, log: &log)
            }
        }
        var constants: [String: JSONValue] = [:]
        if let constantsNode = node.child("constants"),
            constantsNode.expectAnyObject("reconcile constants", log: &log)
        {
            constants = constantsNode.members
        }
        return ReconcileRule(
            operation: node.string("operation", log: &log), fields: fields, constants: constants,
            note: node.string("note", log: &log), location: node.location)
    }

    /// `errorFormats`: names of ``ErrorFormat``, kept in the declaration order of the enum.
    static func errorFormats(_ node: NodeReader, _ log: inout DiagnosticLog) -> [ErrorFormat] {
        guard let formatsNode = node.child("errorFormats") else { return [] }
        var formats: [ErrorFormat] = []
        for name in node.stringArray("errorFormats", log: &log) ?? [] {
            guard let format = ErrorFormat(rawValue: name) else {
                let known = ErrorFormat.allCases.map(\.rawValue).joined(separator: ", ")
                log.error("unknown error format \"\(name)\"; expected one of \(known)", at: formatsNode.location)
                continue
            }
            formats.append(format)
        }
        return ErrorFormat.allCases.filter(formats.contains)
    }

    static func model(_ name: String, _ node: NodeReader, _ log: inout DiagnosticLog) -> Model? {
        guard node.expectObject("model \"\(name)\"", required: ["fields"], optional: ["description"], log: &log),
            let fieldsNode = node.child("fields"),
            fieldsNode.expectAnyObject("fields", log: &log)
        else { return nil }
        var fields: [String: Field] = [:]
        for (fieldName, fieldNode) in fieldsNode.sortedChildren() {
            fields[fieldName] = field(fieldName, fieldNode, &log)
        }
        return Model(
            name: name, description: node.string("description", log: &log),
            fields: fields, location: node.location
        )
    }

    static let fieldKeys = [
        "required", "description", "documentedType", "accepts", "aliases", "quirk", "swiftName", "sensitive",
        "nonNegative", "wholeNumber",
    ]

    static func field(_ name: String, _ node: NodeReader, _ log: inout DiagnosticLog) -> Field? {
        guard let type = typeExpression(node, extraKeys: fieldKeys, &log) else { return nil }
        var accepts: [JSONScalarKind] = []
        for kind in node.stringArray("accepts", log: &log) ?? [] {
            guard let scalar = JSONScalarKind(rawValue: kind) else {
                log.error(
                    "unknown accepted type \"\(kind)\"; expected string, integer, number or boolean",
                    at: node.child("accepts")!.location
                )
                continue
            }
            accepts.append(scalar)
        }
        return Field(
            name: name, type: type,
            required: node.bool("required", log: &log) ?? false,
            description: node.string("description", log: &log),
            documentedType: node.string("documentedType", log: &log),
            accepts: accepts,
            aliases: node.stringArray("aliases", log: &log) ?? [],
            quirk: node.string("quirk", log: &log),
            propertyName: node.string("swiftName", log: &log) ?? SwiftNames.lowerCamelCase(name),
            sensitive: node.bool("sensitive", log: &log) ?? false,
            nonNegative: node.bool("nonNegative", log: &log) ?? false,
            wholeNumber: node.bool("wholeNumber", log: &log) ?? false,
            location: node.location
        )
    }

    static let scalarTypes: [String: TypeExpression] = [
        "string": .string, "integer": .integer, "number": .number, "boolean": .boolean, "json": .json,
        "timestamp": .timestamp, "decimal": .decimal, "flag": .flag,
    ]

    /// `{"type": "string"}`, `{"type": "array", "items": …}` or `{"ref": "Name"}`, plus `extraKeys`.
    static func typeExpression(_ node: NodeReader, extraKeys: [String], _ log: inout DiagnosticLog) -> TypeExpression? {
        if node.members["ref"] != nil {
            guard node.expectObject("a type", required: ["ref"], optional: extraKeys, log: &log) else { return nil }
            return node.string("ref", log: &log).map(TypeExpression.reference)
        }
        guard node.expectObject("a type", required: ["type"], optional: extraKeys + ["items"], log: &log),
            let name = node.string("type", log: &log)
        else { return nil }
        if name == "array" {
            guard let items = node.child("items") else {
                log.error("an array type needs \"items\"", at: node.location)
                return nil
            }
            return typeExpression(items, extraKeys: [], &log).map(TypeExpression.array)
        }
        if node.members["items"] != nil {
            log.error("\"items\" is only allowed with \"type\": \"array\"", at: node.child("items")!.location)
        }
        guard let scalar = scalarTypes[name] else {
            log.error(
                "unknown type \"\(name)\"; expected one of array, boolean, decimal, flag, integer, json, number, string, timestamp (or \"ref\")",
                at: node.child("type")!.location
            )
            return nil
        }
        return scalar
    }

    static func enumeration(_ name: String, _ node: NodeReader, _ log: inout DiagnosticLog) -> EnumDefinition? {
        guard
            node.expectObject(
                "enum \"\(name)\"",
                required: ["rawType", "cases"],
                optional: ["description", "documentation", "quirk"],
                log: &log
            ), let rawType = node.choice("rawType", EnumRawType.self, allowed: [.string, .integer], log: &log),
            let casesNode = node.child("cases"),
            casesNode.expectAnyObject("cases", log: &log)
        else { return nil }
        var cases: [String: EnumCase] = [:]
        for (caseName, caseNode) in casesNode.sortedChildren() {
            guard
                caseNode.expectObject(
                    "enum case \"\(caseName)\"",
                    required: ["value"],
                    optional: ["description", "message", "httpStatus", "quirk"],
                    log: &log
                ), let valueNode = caseNode.child("value")
            else { continue }
            let value = valueNode.value
            switch (rawType, value) {
            case (.string, .string): break
            case (.integer, .number(let number)) where number.int != nil: break
            default:
                log.error("value of a \(rawType.rawValue) enum must be a \(rawType.rawValue)", at: valueNode.location)
                continue
            }
            cases[caseName] = EnumCase(
                name: caseName, value: value,
                description: caseNode.string("description", log: &log),
                message: caseNode.string("message", log: &log),
                httpStatus: caseNode.integer("httpStatus", log: &log),
                quirk: caseNode.string("quirk", log: &log),
                location: caseNode.location
            )
        }
        return EnumDefinition(
            name: name, description: node.string("description", log: &log),
            documentation: node.string("documentation", log: &log), rawType: rawType,
            quirk: node.string("quirk", log: &log), cases: cases, location: node.location
        )
    }

    /// The `examples` member of an operation or callback, each of an allowed kind.
    static func examples(_ node: NodeReader, allowed: [ExampleKind], _ log: inout DiagnosticLog) -> [String: Example] {
        var examples: [String: Example] = [:]
        guard let examplesNode = node.child("examples"),
            examplesNode.expectAnyObject("examples", log: &log)
        else { return examples }
        for (name, exampleNode) in examplesNode.sortedChildren() {
            guard let example = example(name, exampleNode, allowed: allowed, &log) else { continue }
            examples[name] = example
        }
        return examples
    }

    static func example(_ name: String, _ node: NodeReader, allowed: [ExampleKind], _ log: inout DiagnosticLog)
        -> Example?
    {
        guard
            node.expectObject(
                "example \"\(name)\"",
                required: ["kind", "provenance", "body"],
                optional: [
                    "description", "quirk", "correction", "asDocumented", "pageForms", "httpStatus", "expect",
                    "secret", "canonical", "signature", "canonicalForm",
                ],
                log: &log
            ), let kind = node.choice("kind", ExampleKind.self, allowed: allowed, log: &log),
            let provenance = node.choice("provenance", Provenance.self, allowed: Provenance.allCases, log: &log),
            let body = node.child("body")
        else { return nil }
        let pageForms = node.stringArray("pageForms", log: &log) ?? []
        for form in pageForms where !Example.pageFormNames.contains(form) {
            log.error(
                "unknown page form \"\(form)\" in \"pageForms\"; expected one of \(Example.pageFormNames.joined(separator: ", "))",
                at: node.child("pageForms")?.location ?? node.location
            )
        }
        return Example(
            name: name, kind: kind, provenance: provenance,
            description: node.string("description", log: &log),
            quirk: node.string("quirk", log: &log),
            correction: node.string("correction", log: &log),
            asDocumented: node.string("asDocumented", log: &log),
            body: body.value, bodyLocation: body.location,
            httpStatus: node.integer("httpStatus", log: &log),
            expect: node.child("expect").flatMap { expectation($0, &log) },
            secret: node.string("secret", log: &log),
            canonical: node.string("canonical", log: &log),
            signature: node.string("signature", log: &log),
            canonicalForm: node.choice("canonicalForm", CanonicalForm.self, allowed: CanonicalForm.allCases, log: &log),
            pageForms: pageForms,
            location: node.location
        )
    }

    static func expectation(_ node: NodeReader, _ log: inout DiagnosticLog) -> ExpectedOutcome? {
        guard node.expectObject("expect", required: ["outcome"], optional: ["format", "code", "message"], log: &log),
            let outcome = node.string("outcome", log: &log)
        else { return nil }
        switch outcome {
        case "success":
            return .success
        case "apiError":
            guard let format = node.choice("format", ErrorFormat.self, allowed: ErrorFormat.allCases, log: &log),
                let message = node.string("message", log: &log)
            else {
                log.error("an apiError expectation needs \"format\" and \"message\"", at: node.location)
                return nil
            }
            return .apiError(format: format, code: node.integer("code", log: &log), message: message)
        default:
            log.error(
                "unknown outcome \"\(outcome)\"; expected \"success\" or \"apiError\"",
                at: node.child("outcome")!.location)
            return nil
        }
    }

    static func signatureVector(_ id: String, _ node: NodeReader, _ log: inout DiagnosticLog) -> SignatureVector? {
        guard
            node.expectObject(
                "signature vector \"\(id)\"",
                required: ["section", "provenance", "input", "secret", "canonical", "signature"],
                optional: ["description", "base64", "canonicalForm"],
                log: &log
            ), let provenance = node.choice("provenance", Provenance.self, allowed: Provenance.allCases, log: &log),
            let section = node.string("section", log: &log),
            let input = node.child("input"),
            let secret = node.string("secret", log: &log),
            let canonical = node.string("canonical", log: &log),
            let signature = node.string("signature", log: &log)
        else { return nil }
        return SignatureVector(
            id: id, section: section, provenance: provenance,
            description: node.string("description", log: &log),
            input: input.value, secret: secret, canonical: canonical,
            base64: node.string("base64", log: &log), signature: signature,
            canonicalForm: node.choice("canonicalForm", CanonicalForm.self, allowed: CanonicalForm.allCases, log: &log),
            location: node.location
        )
    }
}

extension EntityReader {
    static func callback(_ id: String, _ node: NodeReader, _ log: inout DiagnosticLog) -> Callback? {
        guard
            node.expectObject(
                "callback \"\(id)\"",
                required: ["section", "summary", "method", "payload"],
                optional: ["description", "documentation", "reply", "merchantMustAnswer", "quirks", "examples"],
                log: &log
            )
        else { return nil }
        let method = node.choice("method", HTTPMethod.self, allowed: [.get, .post], log: &log)
        var placement: RequestLocation?
        var payloadModel: String?
        if let payload = node.child("payload"), payload.expectObject("payload", required: ["in", "model"], log: &log) {
            placement = payload.choice("in", RequestLocation.self, allowed: RequestLocation.allCases, log: &log)
            payloadModel = payload.string("model", log: &log)
        }
        var replyModel: String?
        if let reply = node.child("reply"), reply.expectObject("reply", required: ["model"], log: &log) {
            replyModel = reply.string("model", log: &log)
        }
        let examples = examples(node, allowed: [.payload, .reply], &log)
        guard let section = node.string("section", log: &log),
            let summary = node.string("summary", log: &log),
            let method, let placement, let payloadModel
        else { return nil }
        return Callback(
            id: id, section: section, summary: summary,
            description: node.string("description", log: &log),
            documentation: node.string("documentation", log: &log),
            method: method, payloadPlacement: placement, payloadModel: payloadModel, replyModel: replyModel,
            merchantMustAnswer: node.string("merchantMustAnswer", log: &log),
            quirks: node.stringArray("quirks", log: &log) ?? [],
            examples: examples,
            location: node.location
        )
    }
}
