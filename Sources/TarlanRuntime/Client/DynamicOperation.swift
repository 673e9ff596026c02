import Foundation

/// An operation callable with untyped JSON, through its generated types (for `tarlan call` and the demo).
public struct DynamicOperation: Sendable {
    public let descriptor: OperationDescriptor
    private let perform: @Sendable (TarlanClientCore, JSONValue) async throws -> JSONValue
    private let interpret: @Sendable (HTTPResponse) throws(TarlanError) -> JSONValue

    public init<Request: Codable & Sendable, Result: Codable & Sendable>(
        _ descriptor: OperationDescriptor,
        request: Request.Type,
        result: Result.Type
    ) {
        self.descriptor = descriptor
        self.perform = { core, json in
            let typed: Request
            do {
                typed = try JSONDecoder().decode(Request.self, from: Data(CanonicalJSON.encode(json)))
            } catch {
                throw TarlanError.invalidRequest(operationID: descriptor.id, reason: "request does not fit \(Request.self): \(error)")
            }
            let answer = try await core.perform(descriptor, typed, returning: Result.self)
            return try JSONValueEncoder().encode(answer)
        }
        self.interpret = { response throws(TarlanError) in
            let result = try ResponseInterpreter.decode(Result.self, for: descriptor, from: response)
            do {
                return try JSONValueEncoder().encode(result)
            } catch {
                throw .decoding(DecodingFailure(
                    operationID: descriptor.id, httpStatus: response.statusCode, path: "result",
                    reason: "the decoded result cannot be encoded again: \(error)",
                    bodySnippet: Redaction.snippet(of: response.body, keys: descriptor.sensitiveFields)))
            }
        }
    }

    /// Decodes `request` into the operation's request model, calls it, and encodes the result.
    public func call(_ core: TarlanClientCore, request: JSONValue) async throws -> JSONValue {
        try await perform(core, request)
    }

    /// Interprets `response` as this operation's answer (``ResponseInterpreter`` with the generated
    /// result type) and returns the typed result encoded back to JSON. No network: for tests and fuzzing.
    public func decodeResponse(_ response: HTTPResponse) throws(TarlanError) -> JSONValue {
        try interpret(response)
    }
}

/// One example of the schema: a request to send, a response to answer with, or a callback's payload or reply.
public struct OperationExample: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case request
        case success
        case apiError
        case payload
        case reply
    }

    /// The operation's id, or the callback's for `payload` and `reply`.
    public var operationID: String
    public var name: String
    public var role: Role
    public var httpStatus: Int?
    /// Compact JSON.
    public var json: String

    public init(operationID: String, name: String, role: Role, httpStatus: Int?, json: String) {
        self.operationID = operationID
        self.name = name
        self.role = role
        self.httpStatus = httpStatus
        self.json = json
    }
}
