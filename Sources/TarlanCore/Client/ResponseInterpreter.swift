import Foundation

/// Turns an HTTP response into an operation's `result`, or the one ``TarlanError`` that says why not.
///
/// Order matters and follows the reference's section 4.6: an error body (`status: false`, or a
/// non-zero `status_code`) wins over the HTTP status; an error inside `result` (a non-zero
/// `result.error_code`: the new expected format, or the old page tree's answer without the
/// envelope) is an error on every operation that lists one of those formats; anything else that is
/// not a 2xx envelope is an HTTP failure. The body is parsed once; the typed result is read from
/// the same tree.
package enum ResponseInterpreter {
    /// Duplicate keys are refused: a signature or a check could otherwise read a different copy than the reader.
    static let parserOptions = JSONParser.Options(maxDepth: 128, duplicateKeys: .reject)

    package static func decode<Result: JSONReadable>(
        _ type: Result.Type,
        for operation: OperationDescriptor,
        from response: HTTPResponse
    ) throws(TarlanError) -> Result {
        let result = try result(of: response, for: operation)
        do {
            return try Result(json: result, context: .strict)
        } catch {
            throw failure(response, operation).decoding(path: error.path(under: "result"), reason: error.reason)
        }
    }

    /// The envelope's `result` when the answer is a success, or the error it reports.
    /// The generator checks every response example of the schema with this same function.
    package static func result(of response: HTTPResponse, for operation: OperationDescriptor) throws(TarlanError)
        -> JSONValue
    {
        let status = response.statusCode
        let failure = failure(response, operation)
        if (300..<400).contains(status) {
            let target = response.headers["Location"].map { " to \($0)" } ?? ""
            throw failure.http("redirect\(target) not followed: the signed request goes only to the configured host")
        }
        guard !response.body.isEmpty else { throw failure.http("empty body") }
        let json: JSONValue
        do {
            json = try JSONParser.parse(response.body, options: parserOptions)
        } catch {
            throw failure.http("body is not JSON (\(error.message) at line \(error.line), column \(error.column))")
        }
        guard let envelope = json.objectValue else {
            throw failure.http("body is JSON \(json.jsonTypeName), not the response envelope")
        }
        if let apiError = try apiError(in: envelope, operation: operation, failure: failure) {
            throw .api(apiError)
        }
        guard (200..<300).contains(status) else {
            throw failure.http("unexpected HTTP status without an error envelope")
        }
        guard let result = envelope["result"], result != .null else {
            throw failure.decoding(path: "result", reason: "the success envelope has no result")
        }
        return result
    }

    /// The error the envelope reports, if any.
    private static func apiError(
        in envelope: [String: JSONValue], operation: OperationDescriptor, failure: Failure
    ) throws(TarlanError) -> TarlanAPIError? {
        let result = envelope["result"]
        // `null` counts as absent (`nil` here would be read as `JSONValue.null`, hence `.none`).
        let statusFlag: JSONValue? = envelope["status"] == .null ? .none : envelope["status"]
        let succeeded = statusFlag?.readBool(accepting: [.string, .integer])
        if let statusFlag, succeeded == nil {
            let found = "found \(CanonicalJSON.string(statusFlag))"
            guard (200..<300).contains(failure.httpStatus) else {
                throw failure.http("unexpected HTTP status, and the body's status is neither true nor false (\(found))")
            }
            throw failure.decoding(path: "status", reason: "expected true or false, \(found)")
        }
        let statusCode = envelope["status_code"]?.readInt(accepting: .string)
        // `status: false`, or a success flag contradicted by an error code: never a success.
        if succeeded == false || (statusCode ?? 0) != 0 {
            return TarlanAPIError(
                operationID: operation.id, section: operation.section.name, code: statusCode,
                message: envelope["message"]?.stringValue ?? "",
                format: statusFormat(operation, failure.httpStatus, statusCode), httpStatus: failure.httpStatus,
                details: result)
        }
        let inResult = operation.errorFormats.intersection([.newExpected, .oldTree])
        guard !inResult.isEmpty, let fields = result?.objectValue,
            let code = fields["error_code"]?.readInt(accepting: .string),
            code != 0
        else { return nil }
        // Without the envelope it is the old page tree's answer; with it, the new expected format.
        let format: ErrorFormat =
            inResult.contains(.oldTree) && (statusFlag == nil || !inResult.contains(.newExpected))
            ? .oldTree : .newExpected
        return TarlanAPIError(
            operationID: operation.id, section: operation.section.name, code: code,
            message: fields["message"]?.stringValue ?? "", format: format, httpStatus: failure.httpStatus,
            details: result)
    }

    /// The format of a `status: false` body. Old and new unexpected errors look the same; a code the
    /// section's table lists as an expected error (HTTP 200 in the new format) can only be the old one.
    private static func statusFormat(_ operation: OperationDescriptor, _ httpStatus: Int, _ code: Int?) -> ErrorFormat {
        if operation.errorFormats.contains(.acquiring) { return .acquiring }
        let isExpectedCode = code.map(operation.section.expectedErrorCodes.contains) ?? false
        if httpStatus >= 400 && operation.errorFormats.contains(.newUnexpected) && !isExpectedCode {
            return .newUnexpected
        }
        return .old
    }

    /// Builds the failures of one response; the redacted body snippet is computed only when one is thrown.
    struct Failure {
        let response: HTTPResponse
        let operation: OperationDescriptor

        var httpStatus: Int { response.statusCode }

        func snippet() -> String { Redaction.snippet(of: response.body, keys: operation.sensitiveFields) }

        func http(_ reason: String) -> TarlanError {
            .http(
                HTTPFailure(
                    operationID: operation.id, httpStatus: httpStatus, reason: reason, bodySnippet: snippet(),
                    retryAfter: retryAfter, reconciliation: operation.reconciliation))
        }

        func decoding(path: String, reason: String) -> TarlanError {
            .decoding(
                DecodingFailure(
                    operationID: operation.id, httpStatus: httpStatus, path: path, reason: reason,
                    bodySnippet: snippet(),
                    reconciliation: operation.reconciliation))
        }

        /// `Retry-After` of a 429 or 503: delay-seconds, or an HTTP date.
        var retryAfter: TimeInterval? {
            guard httpStatus == 429 || httpStatus == 503, let value = response.headers["Retry-After"] else {
                return nil
            }
            let text = value.trimmingCharacters(in: .whitespaces)
            if let seconds = Int(text) { return seconds >= 0 ? TimeInterval(seconds) : nil }
            return Self.httpDate(text).map { max(0, $0.timeIntervalSinceNow) }
        }

        /// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110 requires.
        static func httpDate(_ text: String) -> Date? {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            return formatter.date(from: text)
        }
    }

    private static func failure(_ response: HTTPResponse, _ operation: OperationDescriptor) -> Failure {
        Failure(response: response, operation: operation)
    }
}
