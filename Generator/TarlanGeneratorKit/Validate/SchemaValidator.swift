import Foundation
import TarlanCore

/// Validate stage: checks what the loader cannot see in one entity at a time —
/// references, names, examples against their models, and every signature.
package enum SchemaValidator {
    /// Returns the warnings; throws with every diagnostic when there is an error.
    package static func validate(_ schema: APISchema) throws(GenerationFailed) -> [Diagnostic] {
        try check(schema).warnings
    }

    /// Checks the schema and resolves it for lowering; throws with every diagnostic when there is an error.
    static func check(_ schema: APISchema) throws(GenerationFailed) -> CheckedSchema {
        var log = DiagnosticLog()
        var sections: [String: CheckedSection] = [:]
        for section in schema.sections.values.sorted(by: { $0.id < $1.id }) {
            sections[section.id] = checkSection(section, schema, &log)
        }
        let sortedModels = schema.models.values.sorted(by: { $0.name < $1.name })
        log.append(inParallel(sortedModels) { model, log in checkModel(model, schema, &log) })
        let enums = schema.enums.values.sorted(by: { $0.name < $1.name }).map { checkEnum($0, schema, &log) }
        checkRecursion(schema, &log)
        let models = resolveModels(schema)
        let operations = checkOperations(schema, sections, models, &log)
        var callbacks: [CheckedCallback] = []
        for callback in schema.callbacks.values.sorted(by: { $0.id < $1.id }) {
            if let checked = checkCallback(callback, schema, sections, models, &log) { callbacks.append(checked) }
        }
        var vectors: [CheckedVector] = []
        for vector in schema.signatureVectors.values.sorted(by: { $0.id < $1.id }) {
            if let checked = checkVector(vector, sections, &log) { vectors.append(checked) }
        }
        if log.hasErrors { throw GenerationFailed(diagnostics: log.sorted) }
        // Without errors every entity resolved; anything else is a bug here, not in the schema.
        guard sections.count == schema.sections.count, operations.count == schema.operations.count,
            callbacks.count == schema.callbacks.count, vectors.count == schema.signatureVectors.count
        else {
            let location = SourceLocation(file: "<generator>", line: 1, column: 1, pointer: "")
            throw GenerationFailed(diagnostics: [
                Diagnostic(.error, "internal error: the schema did not resolve", at: location)
            ])
        }
        return CheckedSchema(
            sections: sections.values.sorted { $0.section.id < $1.section.id },
            operations: operations,
            models: models.values.sorted { $0.name < $1.name },
            enums: enums,
            callbacks: callbacks,
            signatureVectors: vectors,
            warnings: log.sorted
        )
    }

    // MARK: Sections

    private static func checkSection(_ section: Section, _ schema: APISchema, _ log: inout DiagnosticLog)
        -> CheckedSection
    {
        if !SwiftNames.isIdentifier(section.swiftPrefix) || section.swiftPrefix.first?.isUppercase != true {
            log.error(
                "swiftPrefix \"\(section.swiftPrefix)\" must be an UpperCamelCase Swift identifier",
                at: section.location)
        }
        for (name, server) in section.servers.sorted(by: { $0.key < $1.key }) {
            guard let url = URL(string: server), url.scheme == "https", url.host != nil,
                url.path.isEmpty || url.path == "/"
            else {
                log.error(
                    "server \"\(name)\" must be an https:// URL with a host and no path, found \"\(server)\"",
                    at: section.location)
                continue
            }
        }
        if section.errorFormats.isEmpty {
            log.error("errorFormats must list at least one format", at: section.location)
        }
        for unmodelled in section.unmodelled.values.sorted(by: { $0.id < $1.id }) where !unmodelled.path.hasPrefix("/")
        {
            log.error("path must start with \"/\", found \"\(unmodelled.path)\"", at: unmodelled.location)
        }
        var table: ErrorCodeTable?
        if let codes = section.errorCodes {
            if let definition = schema.enums[codes] {
                if definition.rawType != .integer {
                    log.error("errorCodes enum \"\(codes)\" must have rawType integer", at: section.location)
                }
                let codes = definition.sortedCases.compactMap { enumCase -> ErrorCode? in
                    guard let code = enumCase.value.numberValue?.int, code != 0 else { return nil }
                    return ErrorCode(
                        code: code, caseName: enumCase.name, message: enumCase.message, httpStatus: enumCase.httpStatus
                    )
                }
                table = ErrorCodeTable(definition: definition, codes: codes)
            } else {
                log.error("errorCodes refers to unknown enum \"\(codes)\"", at: section.location)
            }
        }
        return CheckedSection(
            section: section, errorCodes: table, descriptor: RuntimeDescriptors.section(section, errorCodes: table),
            servers: section.servers.sorted { serverOrder($0.key) < serverOrder($1.key) }.map {
                (name: $0.key, url: $0.value)
            }
        )
    }

    /// Production first, then sandbox, then any other name alphabetically.
    private static func serverOrder(_ name: String) -> String {
        switch name {
        case "production": "0"
        case "sandbox": "1"
        default: "2" + name
        }
    }

    // MARK: Models and enums

    private static func checkModel(_ model: Model, _ schema: APISchema, _ log: inout DiagnosticLog) {
        if schema.enums[model.name] != nil {
            log.error("\"\(model.name)\" is defined both as a model and as an enum", at: model.location)
        }
        checkTypeName(model.name, at: model.location, &log)
        var swiftNames: [String: String] = [:]
        for field in model.sortedFields {
            checkType(field.type, at: field.location, schema, &log)
            let swiftName = field.propertyName
            if let other = swiftNames[swiftName] {
                log.error(
                    "fields \"\(other)\" and \"\(field.name)\" both become Swift property \"\(swiftName)\"",
                    at: field.location)
            }
            swiftNames[swiftName] = field.name
            if (field.nonNegative || field.wholeNumber) && field.type != .decimal {
                log.error("\"nonNegative\" and \"wholeNumber\" only apply to decimal fields", at: field.location)
            }
            if !field.accepts.isEmpty {
                switch field.type {
                case .string, .integer, .number, .decimal, .boolean: break
                default:
                    log.error(
                        "\"accepts\" only applies to string, integer, number, decimal and boolean fields",
                        at: field.location)
                }
            }
        }
    }

    /// Every model with its fields in order and what uses it: operations by id (request, then
    /// result), then callbacks by id (payload, then reply).
    private static func resolveModels(_ schema: APISchema) -> [String: CheckedModel] {
        var uses: [String: [ModelUse]] = [:]
        for operation in schema.operations.values.sorted(by: { $0.id < $1.id }) {
            guard let section = schema.sections[operation.section] else { continue }
            uses[operation.requestModel, default: []].append(.request(operation, section))
            if case .reference(let name) = operation.result {
                uses[name, default: []].append(.result(operation, section))
            }
        }
        for callback in schema.callbacks.values.sorted(by: { $0.id < $1.id }) {
            uses[callback.payloadModel, default: []].append(.payload(callback))
            if let reply = callback.replyModel {
                uses[reply, default: []].append(.reply(callback))
            }
        }
        var models: [String: CheckedModel] = [:]
        models.reserveCapacity(schema.models.count)
        for (name, model) in schema.models {
            models[name] = CheckedModel(model: model, fields: model.sortedFields, uses: uses[name] ?? [])
        }
        return models
    }

    /// A struct cannot contain itself, even through an optional: only an array breaks the cycle.
    private static func checkRecursion(_ schema: APISchema, _ log: inout DiagnosticLog) {
        func directReferences(_ model: Model) -> [(Field, String)] {
            model.sortedFields.compactMap { field in
                if case .reference(let name) = field.type, schema.models[name] != nil { return (field, name) }
                return nil
            }
        }
        for start in schema.models.values.sorted(by: { $0.name < $1.name }) {
            var path: [String] = [start.name]
            var visited: Set<String> = []
            func visit(_ name: String) -> Bool {
                guard let model = schema.models[name] else { return false }
                for (_, target) in directReferences(model) {
                    if target == start.name {
                        path.append(target)
                        return true
                    }
                    if visited.insert(target).inserted {
                        path.append(target)
                        if visit(target) { return true }
                        path.removeLast()
                    }
                }
                return false
            }
            if visit(start.name) {
                log.error(
                    "model \"\(start.name)\" contains itself (\(path.joined(separator: " → "))); a Swift struct cannot, so make one link an array",
                    at: start.location
                )
            }
        }
    }

    private static func checkEnum(_ definition: EnumDefinition, _ schema: APISchema, _ log: inout DiagnosticLog)
        -> CheckedEnum
    {
        checkTypeName(definition.name, at: definition.location, &log)
        var cases: [CheckedEnumCase] = []
        if definition.cases.isEmpty {
            log.error("enum \"\(definition.name)\" has no cases", at: definition.location)
        }
        var seen: [JSONValue: String] = [:]
        for enumCase in definition.sortedCases {
            if let other = seen[enumCase.value] {
                log.error(
                    "cases \"\(other)\" and \"\(enumCase.name)\" share the value \(CanonicalJSON.string(enumCase.value))",
                    at: enumCase.location)
            }
            seen[enumCase.value] = enumCase.name
            if enumCase.name == "unknown" {
                log.error("\"unknown\" is reserved for values the documentation does not list", at: enumCase.location)
            }
            if !SwiftNames.isIdentifier(enumCase.name) || enumCase.name.first?.isLowercase != true {
                log.error(
                    "case name \"\(enumCase.name)\" must be a lowerCamelCase Swift identifier", at: enumCase.location)
            }
            switch (definition.rawType, enumCase.value) {
            case (.string, .string(let text)):
                cases.append(CheckedEnumCase(enumCase: enumCase, rawValue: .string(text)))
            case (.integer, .number(let number)) where number.int != nil:
                cases.append(CheckedEnumCase(enumCase: enumCase, rawValue: .integer(number.int!)))
            default:
                log.error(
                    "value of a \(definition.rawType.rawValue) enum must be a \(definition.rawType.rawValue)",
                    at: enumCase.location)
            }
        }
        return CheckedEnum(definition: definition, cases: cases)
    }

    private static func checkTypeName(_ name: String, at location: SourceLocation, _ log: inout DiagnosticLog) {
        if !SwiftNames.isIdentifier(name) || name.first?.isUppercase != true {
            log.error("\"\(name)\" must be an UpperCamelCase Swift identifier", at: location)
        }
    }

    private static func checkType(
        _ type: TypeExpression, at location: SourceLocation, _ schema: APISchema, _ log: inout DiagnosticLog
    ) {
        switch type {
        case .array(let items):
            checkType(items, at: location, schema, &log)
        case .reference(let name) where schema.models[name] == nil && schema.enums[name] == nil:
            log.error("unknown type reference \"\(name)\"", at: location)
        default:
            break
        }
    }

    // MARK: Operations

    private static func checkOperations(
        _ schema: APISchema, _ sections: [String: CheckedSection], _ models: [String: CheckedModel],
        _ log: inout DiagnosticLog
    ) -> [CheckedOperation] {
        var routes: [String: String] = [:]
        var checked: [CheckedOperation] = []
        checked.reserveCapacity(schema.operations.count)
        let ordered = schema.operations.values.sorted(by: { $0.id < $1.id })
        for operation in ordered {
            if !SwiftNames.isIdentifier(operation.id) || operation.id.first?.isLowercase != true {
                log.error(
                    "operation id \"\(operation.id)\" must be a lowerCamelCase Swift identifier", at: operation.location
                )
            }
            let route = "\(operation.method.rawValue) \(operation.path)"
            if let other = routes[route] {
                log.error(
                    "operations \"\(other)\" and \"\(operation.id)\" share the route \(route)", at: operation.location)
            }
            routes[route] = operation.id
        }
        // Each operation is checked on its own (examples, signatures, reconciliation): on all cores.
        let results = ParallelMap.map(ParallelMap.chunks(ordered, pieces: parallelPieces)) { run in
            var log = DiagnosticLog()
            let checked = run.compactMap { checkOperation($0, schema, sections, models, &log) }
            return (checked, log)
        }
        for (run, runLog) in results {
            checked += run
            log.append(runLog)
        }
        return checked
    }

    /// Runs of consecutive work items given to the cores (a few per core, so uneven runs even out).
    private static let parallelPieces = 16

    /// Runs `check` on every item, on all cores; the diagnostics they report, in item order.
    private static func inParallel<Item: Sendable>(
        _ items: [Item], _ check: @Sendable (Item, inout DiagnosticLog) -> Void
    ) -> DiagnosticLog {
        let logs = ParallelMap.map(ParallelMap.chunks(items, pieces: parallelPieces)) { run in
            var log = DiagnosticLog()
            for item in run { check(item, &log) }
            return log
        }
        return logs.reduce(into: DiagnosticLog()) { $0.append($1) }
    }

    private static func checkOperation(
        _ operation: Operation, _ schema: APISchema, _ sections: [String: CheckedSection],
        _ models: [String: CheckedModel], _ log: inout DiagnosticLog
    ) -> CheckedOperation? {
        let location = operation.location
        guard let checkedSection = sections[operation.section] else {
            log.error("operation refers to unknown section \"\(operation.section)\"", at: location)
            return nil
        }
        let section = checkedSection.section
        if !operation.path.hasPrefix("/") || operation.path.contains("?") || operation.path.contains(" ") {
            log.error(
                "path must start with \"/\" and hold no query or spaces, found \"\(operation.path)\"", at: location)
        }
        for (environment, path) in operation.environmentPaths.sorted(by: { $0.key < $1.key }) {
            if section.servers[environment] == nil {
                log.error(
                    "environmentPaths names \"\(environment)\", which is not a server of section \"\(section.id)\"",
                    at: location)
            }
            if !path.hasPrefix("/") || path.contains("?") {
                log.error("environment path must start with \"/\" and hold no query, found \"\(path)\"", at: location)
            }
        }
        if operation.errorFormats.isEmpty {
            log.error("errorFormats must list at least one format", at: location)
        }
        for format in operation.errorFormats where !section.errorFormats.contains(format) {
            log.error(
                "error format \(format.rawValue) is not one of section \"\(section.id)\"'s errorFormats", at: location)
        }
        if section.errorFormats.contains(.newExpected) && !operation.errorFormats.contains(.newExpected) {
            log.error(
                "errorFormats must list newExpected, as section \"\(section.id)\" does: an error inside result "
                    + "(a non-zero result.error_code) would otherwise read as a success",
                at: location)
        }
        switch (operation.method, operation.requestPlacement) {
        case (.get, .body): log.error("a GET operation takes its request \"in\": \"query\"", at: location)
        case (.post, .query): log.error("a POST operation takes its request \"in\": \"body\"", at: location)
        default: break
        }
        checkType(operation.result, at: location, schema, &log)
        let reconcile = checkReconcile(operation, schema, &log)
        guard let requestModel = models[operation.requestModel] else {
            log.error("request model \"\(operation.requestModel)\" is not a model", at: location)
            return nil
        }
        if operation.requestPlacement == .query {
            for field in requestModel.fields where !isQueryScalar(field.type, schema) {
                log.error(
                    "query field \"\(field.name)\" must be a string, integer, number, boolean or enum",
                    at: field.location)
            }
        }
        let descriptor = RuntimeDescriptors.operation(operation, checkedSection, requestModel, reconcile, schema)
        var examples: [CheckedExample] = []
        for example in operation.examples.values.sorted(by: { $0.name < $1.name }) {
            var content: CheckedExample.Content?
            switch example.kind {
            case .request:
                content = checkRequestExample(example, requestModel.model, section, schema, &log).map { .request($0) }
            case .response:
                content = checkResponseExample(example, operation, descriptor, schema, &log).map { .response($0) }
            case .payload, .reply:
                log.error("an operation's examples are of kind request or response", at: example.location)
            }
            checkCorrection(example, &log)
            if let content { examples.append(CheckedExample(example: example, content: content)) }
        }
        if !operation.examples.values.contains(where: { $0.kind == .response && $0.expect == .success }) {
            log.warning("operation has no success response example; the mock cannot answer it", at: location)
        }
        return CheckedOperation(
            operation: operation, section: checkedSection, request: requestModel, descriptor: descriptor,
            examples: examples, reconcile: reconcile
        )
    }

    /// Every money-moving operation says how to find out what happened when its outcome is unknown.
    private static func checkReconcile(_ operation: Operation, _ schema: APISchema, _ log: inout DiagnosticLog)
        -> CheckedReconcile?
    {
        guard let rule = operation.reconcile else {
            if !operation.idempotent {
                log.error(
                    "a money-moving (non-idempotent) operation needs \"reconcile\": the status operation that finds out "
                        + "what happened when its outcome is unknown, or a note saying there is none",
                    at: operation.location)
            }
            return nil
        }
        let location = rule.location
        if operation.idempotent {
            log.error(
                "only a money-moving (non-idempotent) operation has \"reconcile\"; an idempotent one is simply repeated",
                at: location)
        }
        guard let statusID = rule.operation else {
            if !rule.fields.isEmpty || !rule.constants.isEmpty {
                log.error(
                    "\"fields\" and \"constants\" fill a status operation's request; name the \"operation\"",
                    at: location)
            }
            if rule.note == nil {
                log.error(
                    "without a status \"operation\", reconcile needs a \"note\" saying how to find out", at: location)
            }
            return CheckedReconcile(rule: rule, status: nil)
        }
        guard let status = schema.operations[statusID] else {
            log.error("reconcile names unknown operation \"\(statusID)\"", at: location)
            return nil
        }
        if !status.idempotent {
            log.error(
                "reconciling operation \"\(statusID)\" must be idempotent: it is asked while the outcome is unknown",
                at: location)
        }
        if status.section != operation.section {
            log.error(
                "reconciling operation \"\(statusID)\" must be of section \"\(operation.section)\" (the same client)",
                at: location)
        }
        guard let target = schema.models[status.requestModel], let source = schema.models[operation.requestModel] else {
            return nil
        }
        for (name, from) in rule.fields.sorted(by: { $0.key < $1.key }) {
            guard let targetField = target.fields[name] else {
                log.error("\(target.name) has no field \"\(name)\"", at: location)
                continue
            }
            guard let sourceField = source.fields[from] else {
                log.error("\(source.name) has no field \"\(from)\"", at: location)
                continue
            }
            if targetField.type != sourceField.type {
                log.error("\(source.name).\(from) and \(target.name).\(name) have different types", at: location)
            }
            if targetField.requiredInSwift && !sourceField.requiredInSwift {
                log.error("\(target.name).\(name) is required, but \(source.name).\(from) is optional", at: location)
            }
            if rule.constants[name] != nil {
                log.error("\"\(name)\" is both a field and a constant", at: location)
            }
        }
        var interpreter = ExampleInterpreter(schema: schema)
        var constants: [String: TypedValue] = [:]
        for (name, value) in rule.constants.sorted(by: { $0.key < $1.key }) {
            guard let targetField = target.fields[name] else {
                log.error("\(target.name) has no field \"\(name)\"", at: location)
                continue
            }
            if let typed = interpreter.read(value, as: targetField.type, at: "") {
                constants[name] = typed
            } else {
                log.error("constant \"\(name)\" does not fit \(target.name).\(name)", at: location)
            }
        }
        var arguments: [StatusArgument] = []
        for field in target.sortedFields {
            if let from = rule.fields[field.name], let sourceField = source.fields[from] {
                arguments.append(.copied(field, from: sourceField))
            } else if let constant = constants[field.name] {
                arguments.append(.constant(field, constant))
            } else if field.requiredInSwift {
                arguments.append(.parameter(field))
            }
        }
        let call = StatusCall(
            operationID: statusID, requestModel: status.requestModel, result: status.result, arguments: arguments
        )
        return CheckedReconcile(rule: rule, status: call)
    }

    private static func isQueryScalar(_ type: TypeExpression, _ schema: APISchema) -> Bool {
        switch type {
        case .string, .integer, .number, .boolean, .timestamp, .decimal, .flag: true
        case .reference(let name): schema.enums[name] != nil
        case .json, .array: false
        }
    }

    // MARK: Callbacks

    private static func checkCallback(
        _ callback: Callback, _ schema: APISchema, _ sections: [String: CheckedSection],
        _ models: [String: CheckedModel], _ log: inout DiagnosticLog
    ) -> CheckedCallback? {
        let location = callback.location
        if !SwiftNames.isIdentifier(callback.id) || callback.id.first?.isLowercase != true {
            log.error("callback id \"\(callback.id)\" must be a lowerCamelCase Swift identifier", at: location)
        }
        guard let checkedSection = sections[callback.section] else {
            log.error("callback refers to unknown section \"\(callback.section)\"", at: location)
            return nil
        }
        let section = checkedSection.section
        switch (callback.method, callback.payloadPlacement) {
        case (.get, .body): log.error("a GET callback carries its payload \"in\": \"query\"", at: location)
        case (.post, .query): log.error("a POST callback carries its payload \"in\": \"body\"", at: location)
        default: break
        }
        guard let payload = models[callback.payloadModel] else {
            log.error("payload model \"\(callback.payloadModel)\" is not a model", at: location)
            return nil
        }
        var reply: CheckedModel?
        if let name = callback.replyModel {
            reply = models[name]
            if reply == nil { log.error("reply model \"\(name)\" is not a model", at: location) }
        }
        var examples: [CheckedExample] = []
        for example in callback.examples.values.sorted(by: { $0.name < $1.name }) {
            var interpreter = ExampleInterpreter(schema: schema)
            var content: CheckedExample.Content?
            switch example.kind {
            case .payload:
                let body = interpreter.read(example.body, as: .reference(payload.name), at: "")
                var signature: CheckedExample.PayloadSignature?
                switch (example.secret, example.signature) {
                case (.some(let secret), .some(let value)):
                    checkSignature(
                        input: example.body, secret: secret, canonical: example.canonical, base64: nil,
                        signature: value, rules: section.signing, form: example.canonicalForm, at: example.location,
                        &log
                    )
                    signature = CheckedExample.PayloadSignature(secret: secret, signature: value)
                case (nil, nil):
                    break
                default:
                    log.error("a signed payload example needs both \"secret\" and \"signature\"", at: example.location)
                }
                content = body.map { .payload(CheckedExample.Payload(body: $0, signature: signature)) }
            case .reply:
                guard let reply = callback.replyModel else {
                    log.error("a reply example needs the callback's \"reply\" model", at: example.location)
                    continue
                }
                content = interpreter.read(example.body, as: .reference(reply), at: "").map {
                    .reply(CheckedExample.Reply(model: reply, body: $0))
                }
            case .request, .response:
                log.error("a callback's examples are of kind payload or reply", at: example.location)
            }
            report(interpreter, example, schema, &log)
            checkCorrection(example, &log)
            if let content { examples.append(CheckedExample(example: example, content: content)) }
        }
        return CheckedCallback(
            callback: callback, section: checkedSection, payload: payload, reply: reply,
            descriptor: RuntimeDescriptors.callback(callback, checkedSection, payload, schema), examples: examples
        )
    }

    // MARK: Examples

    private static func checkRequestExample(
        _ example: Example, _ model: Model, _ section: Section, _ schema: APISchema, _ log: inout DiagnosticLog
    ) -> CheckedExample.SignedRequest? {
        var interpreter = ExampleInterpreter(schema: schema)
        let body = interpreter.read(example.body, as: .reference(model.name), at: "")
        report(interpreter, example, schema, &log)
        guard let secret = example.secret, let canonical = example.canonical, let signature = example.signature else {
            log.error("a request example needs \"secret\", \"canonical\" and \"signature\"", at: example.location)
            return nil
        }
        checkSignature(
            input: example.body, secret: secret, canonical: canonical, base64: nil, signature: signature,
            rules: section.signing, form: example.canonicalForm, at: example.location, &log
        )
        return body.map {
            CheckedExample.SignedRequest(body: $0, secret: secret, canonical: canonical, signature: signature)
        }
    }

    private static func checkResponseExample(
        _ example: Example, _ operation: Operation, _ descriptor: OperationDescriptor, _ schema: APISchema,
        _ log: inout DiagnosticLog
    ) -> CheckedExample.Response? {
        guard let status = example.httpStatus, (100...599).contains(status), let expect = example.expect else {
            log.error("a response example needs \"httpStatus\" (100–599) and \"expect\"", at: example.location)
            return nil
        }
        guard let envelope = example.body.objectValue else {
            log.error("a response body must be a JSON object", at: example.bodyLocation)
            return nil
        }
        var interpreter = ExampleInterpreter(schema: schema)
        for key in envelope.keys.sorted() where !["status", "status_code", "message", "result"].contains(key) {
            log.warning(
                "\"\(key)\" is not part of the response envelope",
                at: schema.location(below: example.bodyLocation, "/\(key)"))
        }
        if case .apiError(let format, _, _) = expect, !operation.errorFormats.contains(format) {
            log.error(
                "expects the \(format.rawValue) error format, which the operation's errorFormats do not list",
                at: example.location)
        }
        // The runtime's own interpreter decides what the example means; the expectation must agree.
        let response = HTTPResponse(statusCode: status, body: Data(CanonicalJSON.encode(example.body)))
        let outcome: ExpectedOutcome
        do {
            _ = try ResponseInterpreter.result(of: response, for: descriptor)
            outcome = .success
        } catch .api(let error) {
            outcome = .apiError(format: error.format, code: error.code, message: error.message)
        } catch {
            log.error("the runtime refuses this example: \(error)", at: example.location)
            return nil
        }
        if outcome != expect {
            log.error(
                "the runtime reads this example as \(describe(outcome)), but it expects \(describe(expect))",
                at: example.location)
        }
        let checked: CheckedExample.Outcome
        switch expect {
        case .success:
            let result = envelope["result"].flatMap { interpreter.read($0, as: operation.result, at: "/result") }
            checked = .success(result: result)
        case .apiError(let format, let code, let message):
            checked = .apiError(format: format, code: code, message: message)
        }
        report(interpreter, example, schema, &log)
        return CheckedExample.Response(httpStatus: status, outcome: checked)
    }

    private static func describe(_ outcome: ExpectedOutcome) -> String {
        switch outcome {
        case .success: "a success"
        case .apiError(let format, let code, let message):
            "an API error \(code.map(String.init) ?? "(no code)") \"\(message)\" (\(format.rawValue) format)"
        }
    }

    private static func checkCorrection(_ example: Example, _ log: inout DiagnosticLog) {
        switch (example.correction, example.asDocumented) {
        case (nil, nil):
            return
        case (.some, .some(let text)):
            if (try? JSONParser.parse(Array(text.utf8))) != nil {
                log.error("\"asDocumented\" parses as valid JSON, so it needs no \"correction\"", at: example.location)
            }
        default:
            log.error("\"correction\" and \"asDocumented\" go together", at: example.location)
        }
    }

    private static func report(
        _ interpreter: ExampleInterpreter, _ example: Example, _ schema: APISchema, _ log: inout DiagnosticLog
    ) {
        for issue in interpreter.issues {
            let location = schema.location(below: example.bodyLocation, issue.pointer)
            let message = "example \"\(example.name)\": \(issue.message)"
            switch issue.severity {
            case .error: log.error(message, at: location)
            case .warning: log.warning(message, at: location, recordedQuirk: example.quirk != nil)
            }
        }
    }

    // MARK: Signatures

    private static func checkVector(
        _ vector: SignatureVector, _ sections: [String: CheckedSection], _ log: inout DiagnosticLog
    ) -> CheckedVector? {
        guard let section = sections[vector.section] else {
            log.error("signature vector refers to unknown section \"\(vector.section)\"", at: vector.location)
            return nil
        }
        checkSignature(
            input: vector.input, secret: vector.secret, canonical: vector.canonical, base64: vector.base64,
            signature: vector.signature, rules: section.section.signing, form: vector.canonicalForm,
            at: vector.location,
            &log
        )
        return CheckedVector(vector: vector, section: section)
    }

    /// Checks a signature in `form`, or, without one, in every form (naming the form in any error),
    /// so that switching a section's form never leaves an unnamed example or vector wrong.
    private static func checkSignature(
        input: JSONValue, secret: String, canonical: String?, base64: String?, signature: String,
        rules: SigningRules, form: CanonicalForm?, at location: SourceLocation, _ log: inout DiagnosticLog
    ) {
        for each in form.map({ [$0] }) ?? CanonicalForm.allCases {
            let note =
                form == nil ? " in the \(each.rawValue) form (name the canonicalForm if it holds in one form only)" : ""
            checkSignature(
                input: input, secret: secret, canonical: canonical, base64: base64, signature: signature, rules: rules,
                in: each, formNote: note, at: location, &log)
        }
    }

    private static func checkSignature(
        input: JSONValue, secret: String, canonical: String?, base64: String?, signature: String,
        rules: SigningRules, in form: CanonicalForm, formNote: String, at location: SourceLocation,
        _ log: inout DiagnosticLog
    ) {
        let bytes = Signer.signingBytes(input, rules: rules, form: form)
        let actualCanonical = String(decoding: bytes, as: UTF8.self)
        if let canonical, actualCanonical != canonical {
            log.error(
                "canonical JSON does not match\(formNote): the schema says \(canonical), the signer produces \(actualCanonical)",
                at: location)
        }
        if let base64, base64 != Data(bytes).base64EncodedString() {
            log.error("base64 does not match the canonical JSON\(formNote)", at: location)
        }
        let actual = Signer.signature(for: input, secret: TarlanSecret(secret), rules: rules, form: form)
        if actual != signature {
            log.error("signature does not verify\(formNote): expected \(signature), computed \(actual)", at: location)
        }
    }
}
