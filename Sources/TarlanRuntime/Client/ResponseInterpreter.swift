import Foundation

/// Turns an HTTP response into an operation's `result`, or the one ``TarlanError`` that says why not.
///
/// Order matters and follows the reference's section 4.6: an error body (`status: false`) wins over
/// the HTTP status; a new-format expected error (`status: true` with a non-zero `result.error_code`)
/// is an error only where the operation lists that format; anything else that is not a 2xx
/// envelope is an HTTP failure.
public enum ResponseInterpreter {
    /// Duplicate keys are refused: a signature or a check could otherwise read a different copy than the reader.
    static let parserOptions = JSONParser.Options(maxDepth: 128, duplicateKeys: .reject)

    package static func decode<Result: JSONReadable>(
        _ type: Result.Type,
        for operation: OperationDescriptor,
        from response: HTTPResponse
    ) throws(TarlanError) -> Result {
        let status = response.statusCode
        // Only failures need the snippet: computed on demand, with card data redacted.
        func snippet() -> String { Redaction.snippet(of: response.body, keys: operation.sensitiveFields) }
        func httpFailure(_ reason: String) -> TarlanError {
            .http(HTTPFailure(operationID: operation.id, httpStatus: status, reason: reason, bodySnippet: snippet()))
        }
        func decodingFailure(path: String, reason: String) -> TarlanError {
            .decoding(DecodingFailure(operationID: operation.id, httpStatus: status, path: path, reason: reason, bodySnippet: snippet()))
        }
        if (300..<400).contains(status) {
            let target = response.headers["Location"].map { " to \($0)" } ?? ""
            throw httpFailure("redirect\(target) not followed: the signed request goes only to the configured host")
        }
        guard !response.body.isEmpty else { throw httpFailure("empty body") }
        let json: JSONValue
        do {
            json = try JSONParser.parse(response.body, options: parserOptions)
        } catch {
            throw httpFailure("body is not JSON (\(error.message) at line \(error.line), column \(error.column))")
        }
        guard let envelope = json.objectValue else {
            throw httpFailure("body is JSON \(json.jsonTypeName), not the response envelope")
        }
        if let apiError = apiError(in: envelope, operation: operation, httpStatus: status) {
            throw .api(apiError)
        }
        guard (200..<300).contains(status) else {
            throw httpFailure("unexpected HTTP status without an error envelope")
        }
        // The same tree the error check read: the body is parsed once.
        guard let result = envelope["result"], result != .null else {
            throw decodingFailure(path: "result", reason: "the success envelope has no result")
        }
        do {
            return try Result(json: result, context: .strict)
        } catch {
            throw decodingFailure(path: error.path(under: "result"), reason: error.reason)
        }
    }

    /// The error the envelope reports, if any.
    static func apiError(in envelope: [String: JSONValue], operation: OperationDescriptor, httpStatus: Int) -> TarlanAPIError? {
        let result = envelope["result"]
        if envelope["status"] == .bool(false) || envelope["status"] == .string("false") {
            return TarlanAPIError(
                operationID: operation.id,
                code: integer(envelope["status_code"]),
                message: envelope["message"]?.stringValue ?? "",
                format: failureFormat(operation, httpStatus),
                httpStatus: httpStatus,
                details: result
            )
        }
        if operation.errorFormats.contains(.newExpected),
            let fields = result?.objectValue,
            let code = integer(fields["error_code"]), code != 0
        {
            return TarlanAPIError(
                operationID: operation.id, code: code, message: fields["message"]?.stringValue ?? "",
                format: .newExpected, httpStatus: httpStatus, details: result
            )
        }
        return nil
    }

    private static func failureFormat(_ operation: OperationDescriptor, _ httpStatus: Int) -> ErrorFormat {
        if operation.errorFormats.contains(.acquiring) { return .acquiring }
        if httpStatus >= 400 && operation.errorFormats.contains(.newUnexpected) { return .newUnexpected }
        return .old
    }

    /// An integral JSON number, or a string holding one.
    private static func integer(_ value: JSONValue?) -> Int? {
        value?.readInt(accepting: .string)
    }
}
