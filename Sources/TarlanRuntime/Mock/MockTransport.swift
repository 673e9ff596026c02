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
        let operation = operations.first { operation in
            operation.method == request.method && (operation.path == path || operation.environmentPaths.values.contains(path))
        }
        guard let operation else {
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
            fields = QueryTyping.object(from: request.url, fields: operation.requestFields).objectValue ?? [:]
        }
        for field in operation.requestFields {
            guard let value = fields[field.name], !value.isNull else {
                if field.isRequired { return .failure(Rejection(message: "mock: required field \"\(field.name)\" is missing")) }
                continue
            }
            if !QueryTyping.fits(value, field.kind) {
                return .failure(Rejection(message: "mock: \"\(field.name)\" must be \(field.kind.rawValue), found \(value.jsonTypeName)"))
            }
        }
        return .success(.object(fields))
    }

    private static func rejection(_ message: String) -> HTTPResponse {
        let body: JSONValue = ["status": false, "status_code": 1021, "message": .string(message), "result": [:]]
        return HTTPResponse(statusCode: 400, headers: ["Content-Type": "application/json"], body: Data(CanonicalJSON.encode(body)))
    }
}
