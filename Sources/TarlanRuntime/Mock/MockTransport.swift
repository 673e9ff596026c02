import Foundation

/// An in-process Tarlan server for tests and the demo: it checks each request against the
/// schema (route, required fields, value kinds, signature) and answers with the schema's examples.
///
/// A request that fails a check gets the API's own validation error (code 1021, HTTP 400) with a
/// message starting `mock:` that says what was wrong, so a test sees it as a ``TarlanError/api(_:)``.
public struct MockTransport: HTTPTransport {
    private let secret: TarlanSecret
    private let operations: [OperationDescriptor]
    private let examples: [OperationExample]

    public init(secret: TarlanSecret, operations: [OperationDescriptor], examples: [OperationExample]) {
        self.secret = secret
        self.operations = operations
        self.examples = examples
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.url.path
        guard let operation = operations.first(where: { $0.method == request.method && $0.path == path }) else {
            return HTTPResponse(statusCode: 404, headers: ["Content-Type": "text/plain"], body: Data("mock: no operation for \(request.method.rawValue) \(path)".utf8))
        }
        let fields: JSONValue
        switch check(request, operation) {
        case .failure(let reason): return Self.rejection(reason.message)
        case .success(let value): fields = value
        }
        let rules = operation.section.signing
        guard let header = request.headers[rules.headerName] else {
            return Self.rejection("mock: missing \(rules.headerName) header")
        }
        guard Signer.verify(headerValue: header, body: fields, secret: secret, rules: rules) else {
            return Self.rejection("mock: invalid signature")
        }
        let answer = examples
            .filter { $0.operationID == operation.id && $0.role == .success }
            .min { $0.name < $1.name }
        guard let answer else {
            return Self.rejection("mock: the schema has no success example for \(operation.id)")
        }
        return HTTPResponse(
            statusCode: answer.httpStatus ?? 200, headers: ["Content-Type": "application/json"], body: Data(answer.json.utf8)
        )
    }

    private struct Rejection: Error {
        var message: String
    }

    /// The request's fields as JSON (the body, or the query typed by the schema), if they fit.
    private func check(_ request: HTTPRequest, _ operation: OperationDescriptor) -> Result<JSONValue, Rejection> {
        var fields: [String: JSONValue] = [:]
        switch operation.requestLocation {
        case .body:
            guard let body = request.body, let json = try? JSONParser.parse(body), let object = json.objectValue else {
                return .failure(Rejection(message: "mock: the body is not a JSON object"))
            }
            fields = object
        case .query:
            let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            for item in items {
                let kind = operation.requestFields.first { $0.name == item.name }?.kind ?? .string
                fields[item.name] = Self.typedQueryValue(item.value ?? "", kind)
            }
        }
        for field in operation.requestFields {
            guard let value = fields[field.name], !value.isNull else {
                if field.isRequired { return .failure(Rejection(message: "mock: required field \"\(field.name)\" is missing")) }
                continue
            }
            if !Self.fits(value, field.kind) {
                return .failure(Rejection(message: "mock: \"\(field.name)\" must be \(field.kind.rawValue), found \(value.jsonTypeName)"))
            }
        }
        return .success(.object(fields))
    }

    private static func typedQueryValue(_ text: String, _ kind: RequestField.Kind) -> JSONValue {
        switch kind {
        case .integer, .number: Double(text).map(JSONValue.number) ?? .string(text)
        case .boolean: text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        default: .string(text)
        }
    }

    private static func fits(_ value: JSONValue, _ kind: RequestField.Kind) -> Bool {
        switch (kind, value) {
        case (.any, _), (.string, .string), (.number, .number), (.boolean, .bool), (.array, .array), (.object, .object): true
        case (.integer, .number(let number)): number.rounded() == number
        default: false
        }
    }

    private static func rejection(_ message: String) -> HTTPResponse {
        let body: JSONValue = ["status": false, "status_code": 1021, "message": .string(message), "result": [:]]
        return HTTPResponse(statusCode: 400, headers: ["Content-Type": "application/json"], body: Data(CanonicalJSON.encode(body)))
    }
}
