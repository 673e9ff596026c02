import Foundation

/// An operation callable with untyped JSON, through its generated types (for `tarlan call` and the demo).
///
/// The request JSON is read into the generated request model (so it is checked exactly as a typed
/// call would be) and the typed result is written back as JSON; no text is encoded or parsed twice.
package struct DynamicOperation: Sendable {
    package let descriptor: OperationDescriptor
    private let perform: @Sendable (TarlanClientCore, JSONValue) async throws -> JSONValue
    private let interpret: @Sendable (HTTPResponse) throws(TarlanError) -> JSONValue

    package init<Request: JSONReadable & JSONWritable & Sendable, Result: JSONReadable & JSONWritable & Sendable>(
        _ descriptor: OperationDescriptor,
        request: Request.Type,
        result: Result.Type
    ) {
        self.descriptor = descriptor
        self.perform = { core, json in
            let typed: Request
            do {
                typed = try Request(json: json, context: .strict)
            } catch {
                throw TarlanError.invalidRequest(
                    operationID: descriptor.id, reason: "request does not fit \(Request.self): \(error)")
            }
            let answer = try await core.perform(descriptor, typed, returning: Result.self)
            return try Self.written(answer, descriptor)
        }
        self.interpret = { response throws(TarlanError) in
            let result = try ResponseInterpreter.decode(Result.self, for: descriptor, from: response)
            return try Self.written(result, descriptor)
        }
    }

    /// A decoded result as JSON. Only a value no JSON can hold fails (a NaN the reader never makes).
    private static func written<Result: JSONWritable>(_ result: Result, _ descriptor: OperationDescriptor)
        throws(TarlanError) -> JSONValue
    {
        do {
            return try result.json()
        } catch {
            throw .decoding(
                DecodingFailure(
                    operationID: descriptor.id, httpStatus: 200, path: "result",
                    reason: "the decoded result cannot be written as JSON: \(error)", bodySnippet: ""))
        }
    }

    /// Reads `request` into the operation's request model, calls it, and writes the result as JSON.
    package func call(_ core: TarlanClientCore, request: JSONValue) async throws -> JSONValue {
        try await perform(core, request)
    }

    /// Interprets `response` as this operation's answer (``ResponseInterpreter`` with the generated
    /// result type) and returns the typed result written as JSON. No network: for tests and fuzzing.
    package func decodeResponse(_ response: HTTPResponse) throws(TarlanError) -> JSONValue {
        try interpret(response)
    }
}

/// One example of the schema: a request to send, a response to answer with, or a callback's payload or reply.
package struct OperationExample: Sendable, Hashable {
    package enum Role: String, Sendable, Hashable {
        case request
        case success
        case apiError
        case payload
        case reply
    }

    /// The operation's id, or the callback's for `payload` and `reply`.
    package var operationID: String
    package var name: String
    package var role: Role
    package var httpStatus: Int?
    /// Compact JSON.
    package var json: String

    package init(operationID: String, name: String, role: Role, httpStatus: Int?, json: String) {
        self.operationID = operationID
        self.name = name
        self.role = role
        self.httpStatus = httpStatus
        self.json = json
    }
}
