import Foundation
import TarlanPayments

/// An in-process Tarlan server for tests and the demo: it checks each request against the
/// schema (route, required fields, value kinds, signature) and answers with the schema's examples,
/// or with the answers a test scripted for an operation.
///
/// A request that fails a check gets the API's own validation error (code 1021, HTTP 400) with a
/// message starting `mock:` that says what was wrong, so a test sees it as a ``TarlanError/api(_:)``.
/// Checks always come first: a scripted answer is given only to a request that passes them.
///
/// ```swift
/// let mock = MockTransport(secret: "test-secret")
/// mock.respond(to: "checkBalance", with: HTTPResponse(statusCode: 502, body: Data("<html>…".utf8)))
/// let client = AGWSClient(secret: "test-secret", environment: .custom(url), transport: mock)
/// // … call the client …
/// XCTAssertEqual(mock.receivedRequests.count, 1)
/// ```
///
/// `MockTransport` is a value type whose state (scripts and the record of requests) is shared by
/// all its copies and guarded by a lock, so one mock may be used from any number of tasks.
public struct MockTransport: HTTPTransport {
    /// Answers a request of one operation; `nil` lets the next script (or the schema's example) answer.
    public typealias Script = @Sendable (HTTPRequest) -> HTTPResponse?

    private let secret: TarlanSecret
    private let operations: [OperationDescriptor]
    private let examples: [OperationExample]
    private let state = State()

    package init(secret: TarlanSecret, operations: [OperationDescriptor], examples: [OperationExample]) {
        self.secret = secret
        self.operations = operations
        self.examples = examples
    }

    // MARK: Scripting

    /// From now on, answer requests of `operationID` that pass the checks with `response`
    /// instead of the schema's example.
    ///
    /// Scripts added later take precedence over earlier ones. `operationID` must name one of the
    /// mock's operations (a typo would otherwise silently leave the example in place): an unknown
    /// id stops the program with a precondition failure that lists the known ones.
    public func respond(to operationID: String, with response: HTTPResponse) {
        respond(to: operationID) { _ in response }
    }

    /// From now on, ask `script` first for requests of `operationID` that pass the checks; when it
    /// returns `nil`, earlier scripts and then the schema's example answer.
    public func respond(to operationID: String, using script: @escaping Script) {
        precondition(
            operations.contains { $0.id == operationID },
            "MockTransport: no operation \"\(operationID)\"; known: \(operations.map(\.id).sorted().joined(separator: ", "))"
        )
        state.withLock { $0.scripts[operationID, default: []].append(script) }
    }

    /// Forgets the scripts of `operationID`, or of every operation when `nil`: the examples answer again.
    public func removeScripts(for operationID: String? = nil) {
        state.withLock { state in
            if let operationID { state.scripts[operationID] = nil } else { state.scripts = [:] }
        }
    }

    // MARK: Recorded requests

    /// Every request the mock was sent, in order, including those it rejected.
    public var receivedRequests: [HTTPRequest] {
        state.withLock { $0.received.map(\.request) }
    }

    /// The requests that were routed to `operationID`, in order, including those it rejected.
    public func receivedRequests(for operationID: String) -> [HTTPRequest] {
        state.withLock { $0.received.filter { $0.operationID == operationID }.map(\.request) }
    }

    /// Forgets the recorded requests (scripts stay).
    public func clearReceivedRequests() {
        state.withLock { $0.received = [] }
    }

    // MARK: HTTPTransport

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.url.path
        let operation = operations.first { operation in
            operation.method == request.method
                && (operation.path == path || operation.environmentPaths.values.contains(path))
        }
        state.withLock { $0.received.append(Received(request: request, operationID: operation?.id)) }
        guard let operation else {
            return HTTPResponse(
                statusCode: 404, headers: ["Content-Type": "text/plain"],
                body: Data("mock: no operation for \(request.method.rawValue) \(path)".utf8))
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
        // Most recent script first; run outside the lock so a script may use the mock itself.
        let scripts = state.withLock { $0.scripts[operation.id] ?? [] }
        for script in scripts.reversed() {
            if let scripted = script(request) { return scripted }
        }
        let answer =
            examples
            .filter { $0.operationID == operation.id && $0.role == .success }
            .min { $0.name < $1.name }
        guard let answer else {
            return Self.rejection("mock: the schema has no success example for \(operation.id)")
        }
        return HTTPResponse(
            statusCode: answer.httpStatus ?? 200, headers: ["Content-Type": "application/json"],
            body: Data(answer.json.utf8)
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
            // The field may come under its name or one of the keys the documentation also uses.
            guard
                let (key, value) = ([field.name] + field.aliases).lazy
                    .compactMap({ key in fields[key].flatMap { $0.isNull ? nil : (key, $0) } }).first
            else {
                if field.isRequired {
                    return .failure(Rejection(message: "mock: required field \"\(field.name)\" is missing"))
                }
                continue
            }
            if !QueryTyping.fits(value, field.kind) {
                return .failure(
                    Rejection(message: "mock: \"\(key)\" must be \(field.kind.rawValue), found \(value.jsonTypeName)"))
            }
        }
        return .success(.object(fields))
    }

    private static func rejection(_ message: String) -> HTTPResponse {
        let body: JSONValue = ["status": false, "status_code": 1021, "message": .string(message), "result": [:]]
        return HTTPResponse(
            statusCode: 400, headers: ["Content-Type": "application/json"], body: Data(CanonicalJSON.encode(body)))
    }

    // MARK: Shared state

    private struct Received {
        var request: HTTPRequest
        var operationID: String?
    }

    private struct Contents {
        var scripts: [String: [Script]] = [:]
        var received: [Received] = []
    }

    /// The scripts and the record, shared by every copy of one mock.
    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var contents = Contents()

        func withLock<Value>(_ body: (inout Contents) -> Value) -> Value {
            lock.lock()
            defer { lock.unlock() }
            return body(&contents)
        }
    }
}

extension MockTransport {
    /// A mock that serves every operation of the schema from its examples and checks each
    /// request's fields and signature against `secret`.
    public init(secret: TarlanSecret) {
        self.init(secret: secret, operations: TarlanOperations.all, examples: TarlanExamples.all)
    }
}
