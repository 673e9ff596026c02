import Foundation

/// Every failure of a Tarlan call. Cancellation is the one exception: it throws `CancellationError`
/// (for a money-moving call cancelled after it started, treat the outcome as unknown).
///
/// ``outcome`` says whether Tarlan may have carried the request out; for a money-moving operation whose
/// outcome is unknown, the description says so in those words and names how to find out.
public enum TarlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered in one of its documented error formats.
    case api(TarlanAPIError)
    /// The answer is not the documented envelope: an HTML page, an empty or truncated body, not JSON,
    /// or a non-2xx status without an error body.
    case http(HTTPFailure)
    /// The envelope was there but a value did not fit the model.
    case decoding(DecodingFailure)
    /// The request got no complete HTTP answer (connection, DNS, TLS, timeout, reset).
    case transport(TransportFailure)
    /// The request could not be built (a value JSON cannot carry, an amount a float64 cannot hold, a
    /// refused URL). Nothing was sent.
    case invalidRequest(operationID: String, reason: String)

    /// Whether Tarlan may have carried the request out.
    public var outcome: TarlanOutcome {
        switch self {
        case .api: .rejected
        case .http(let failure): failure.outcome
        // The envelope said success (or could not be read): the operation may well have happened.
        case .decoding: .unknown
        case .transport(let failure): failure.requestMayHaveBeenSent ? .unknown : .notSent
        case .invalidRequest: .notSent
        }
    }

    /// The operation that failed, e.g. `makePayment`.
    public var operationID: String {
        switch self {
        case .api(let error): error.operationID
        case .http(let failure): failure.operationID
        case .decoding(let failure): failure.operationID
        case .transport(let failure): failure.operationID
        case .invalidRequest(let operationID, _): operationID
        }
    }

    /// For a money-moving operation whose ``outcome`` is unknown: how to find out what happened.
    public var reconciliation: Reconciliation? {
        guard outcome == .unknown else { return nil }
        switch self {
        case .http(let failure): return failure.reconciliation
        case .decoding(let failure): return failure.reconciliation
        case .transport(let failure): return failure.reconciliation
        case .api, .invalidRequest: return nil
        }
    }

    public var description: String {
        switch self {
        case .api(let error): error.description
        case .http(let failure): failure.description
        case .decoding(let failure): failure.description
        case .transport(let failure): failure.description
        case .invalidRequest(let operationID, let reason): "\(operationID): invalid request (not sent): \(reason)"
        }
    }
}

/// Whether a failed call may have been carried out by Tarlan.
public enum TarlanOutcome: Sendable, Hashable {
    /// Nothing reached Tarlan: the request may be sent again.
    case notSent
    /// Tarlan (or a server in front of it) answered that it did not carry the request out.
    case rejected
    /// The request may have reached Tarlan and been carried out (a timeout or a reset after it was
    /// written, a 5xx without an error body, a truncated or unreadable success): find out before
    /// sending it again. For money-moving operations the failure's ``Reconciliation`` says how.
    case unknown
}

/// How to find out what happened to a money-moving call whose outcome is unknown: the status
/// operation that reconciles it, and the request fields it is found by. From the schema.
public struct Reconciliation: Sendable, Hashable {
    /// The money-moving operation.
    package var operationID: String
    /// The status operation to ask (`checkRefillStatus`, `getTransactionStatus`, `listCards`), or nil
    /// when the documentation has none.
    package var statusOperationID: String?
    /// The request fields the status operation finds the call by (`external_id`, `project_reference_id`).
    package var keyFields: [String]
    /// The generated client method that asks, e.g. `reconcileMakePayment(_:)`.
    package var methodName: String?
    /// What to know about it (e.g. which field of the status's result shows the call).
    package var note: String?

    package init(
        operationID: String, statusOperationID: String?, keyFields: [String], methodName: String?, note: String? = nil
    ) {
        self.operationID = operationID
        self.statusOperationID = statusOperationID
        self.keyFields = keyFields
        self.methodName = methodName
        self.note = note
    }

    /// "find out with reconcileMakePayment(_:) (checkRefillStatus by external_id) before sending it again".
    public var advice: String {
        guard let statusOperationID else {
            return "no status operation is documented for \(operationID): ask Tarlan before sending it again"
                + (note.map { " (\($0))" } ?? "")
        }
        let keys = keyFields.isEmpty ? "" : " by " + keyFields.joined(separator: ", ")
        let method = methodName.map { "\($0) (\(statusOperationID)\(keys))" } ?? "\(statusOperationID)\(keys)"
        return "find out with \(method) before sending it again" + (note.map { "; \($0)" } ?? "")
    }
}

/// "makePayment: outcome unknown: …; find out with …", or the plain failure for other operations.
private func describe(
    _ operationID: String, _ failure: String, outcome: TarlanOutcome, _ reconciliation: Reconciliation?
) -> String {
    guard outcome == .unknown, let reconciliation else { return "\(operationID): \(failure)" }
    return
        "\(operationID): outcome unknown: \(failure); the request may have been carried out: \(reconciliation.advice)"
}

/// An error the API reported, with its code, message and the format it came in.
///
/// The section's code table reads the code typed: `error.agwsCode` (``AGWSErrorCode``) or
/// `error.acquiringCode` (``AcquiringErrorCode``), nil when the body carries no code.
public struct TarlanAPIError: Sendable, Hashable, CustomStringConvertible {
    package var operationID: String
    /// The API section of the operation (`agws`, `acquiring`), whose code table applies.
    package var section: String
    /// `status_code` (old, unexpected, Acquiring) or `result.error_code` (new expected, old tree);
    /// nil when the body carries none, never a made-up 0.
    public var code: Int?
    public var message: String
    package var format: ErrorFormat
    public var httpStatus: Int
    /// The rest of the error body (`result`), for the rare caller that needs it.
    public var details: JSONValue?

    package init(
        operationID: String, section: String, code: Int?, message: String, format: ErrorFormat, httpStatus: Int,
        details: JSONValue?
    ) {
        self.operationID = operationID
        self.section = section
        self.code = code
        self.message = message
        self.format = format
        self.httpStatus = httpStatus
        self.details = details
    }

    public var description: String {
        "\(operationID): API error \(code.map(String.init) ?? "(no code)") \"\(message)\" (\(format.rawValue) format, HTTP \(httpStatus))"
    }
}

public struct HTTPFailure: Sendable, Hashable, CustomStringConvertible {
    package var operationID: String
    public var httpStatus: Int
    public var reason: String
    /// The start of the body, at most 200 characters, card data redacted.
    public var bodySnippet: String
    /// Seconds the server asked to wait (`Retry-After` on a 429 or 503), if it did.
    public var retryAfter: TimeInterval?
    /// For a money-moving operation: how to find out what happened when the outcome is unknown.
    package var reconciliation: Reconciliation?

    package init(
        operationID: String, httpStatus: Int, reason: String, bodySnippet: String, retryAfter: TimeInterval? = nil,
        reconciliation: Reconciliation? = nil
    ) {
        self.operationID = operationID
        self.httpStatus = httpStatus
        self.reason = reason
        self.bodySnippet = bodySnippet
        self.retryAfter = retryAfter
        self.reconciliation = reconciliation
    }

    /// A redirect or a 4xx says the request was not carried out; a 2xx that is not the envelope
    /// (truncated, HTML) or a 5xx without an error body leaves it unknown.
    package var outcome: TarlanOutcome {
        (300..<500).contains(httpStatus) ? .rejected : .unknown
    }

    public var description: String {
        let failure = "HTTP \(httpStatus): \(reason); body: \(bodySnippet.isEmpty ? "(empty)" : bodySnippet)"
        return describe(operationID, failure, outcome: outcome, reconciliation)
    }
}

public struct DecodingFailure: Sendable, Hashable, CustomStringConvertible {
    package var operationID: String
    public var httpStatus: Int
    /// Where in the body the value did not fit, e.g. `result.balance`.
    public var path: String
    public var reason: String
    public var bodySnippet: String
    /// For a money-moving operation: how to find out what happened (the envelope did not say it failed).
    package var reconciliation: Reconciliation?

    package init(
        operationID: String, httpStatus: Int, path: String, reason: String, bodySnippet: String,
        reconciliation: Reconciliation? = nil
    ) {
        self.operationID = operationID
        self.httpStatus = httpStatus
        self.path = path
        self.reason = reason
        self.bodySnippet = bodySnippet
        self.reconciliation = reconciliation
    }

    public var description: String {
        let failure =
            "cannot decode \(path.isEmpty ? "the response" : "`\(path)`") (HTTP \(httpStatus)): \(reason); body: \(bodySnippet)"
        return describe(operationID, failure, outcome: .unknown, reconciliation)
    }
}

public struct TransportFailure: Sendable, Hashable, CustomStringConvertible {
    package var operationID: String
    public var reason: String
    /// `URLError.Code.rawValue` when the failure came from URLSession.
    package var urlErrorCode: Int?
    /// False only when nothing left the machine (DNS, refused connection, TLS handshake, or a timeout
    /// before any of the body was written).
    public var requestMayHaveBeenSent: Bool
    /// For a money-moving operation: how to find out what happened when the request may have been sent.
    package var reconciliation: Reconciliation?

    package init(
        operationID: String, reason: String, urlErrorCode: Int?, requestMayHaveBeenSent: Bool = true,
        reconciliation: Reconciliation? = nil
    ) {
        self.operationID = operationID
        self.reason = reason
        self.urlErrorCode = urlErrorCode
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
        self.reconciliation = reconciliation
    }

    public var description: String {
        let sent = requestMayHaveBeenSent ? "" : " (not sent)"
        return describe(
            operationID, "transport failure\(sent): \(reason)", outcome: requestMayHaveBeenSent ? .unknown : .notSent,
            reconciliation)
    }
}

/// A short, printable prefix of a response body for error messages.
package enum BodySnippet {
    package static let limit = 200

    package static func of(_ body: Data) -> String {
        let prefix = body.prefix(limit * 4)
        var text = String(decoding: prefix, as: UTF8.self)
        text = String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        if text.count > limit || prefix.count < body.count {
            return String(text.prefix(limit)) + "…"
        }
        return text
    }
}
