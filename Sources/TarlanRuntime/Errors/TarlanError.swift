import Foundation

/// Every failure of a Tarlan call. Cancellation is the one exception: it throws `CancellationError`.
public enum TarlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered in one of its documented error formats.
    case api(TarlanAPIError)
    /// The answer is not the documented envelope: an HTML page, an empty body, not JSON, or a
    /// non-2xx status without an error body.
    case http(HTTPFailure)
    /// The envelope was there but a value did not fit the model.
    case decoding(DecodingFailure)
    /// The request never got an HTTP answer (connection, DNS, TLS, timeout).
    case transport(TransportFailure)
    /// The request could not be built (a value JSON cannot carry, a refused URL).
    case invalidRequest(operationID: String, reason: String)

    public var description: String {
        switch self {
        case .api(let error): error.description
        case .http(let failure): failure.description
        case .decoding(let failure): failure.description
        case .transport(let failure): failure.description
        case .invalidRequest(let operationID, let reason): "\(operationID): invalid request: \(reason)"
        }
    }
}

/// An error the API reported, with its code, message and the format it came in.
///
/// The section's code table reads the code typed: `error.agwsCode` (``AGWSErrorCode``) or
/// `error.acquiringCode` (``AcquiringErrorCode``), nil when the body carries no code.
public struct TarlanAPIError: Sendable, Hashable, CustomStringConvertible {
    public var operationID: String
    /// The API section of the operation (`agws`, `acquiring`), whose code table applies.
    public var section: String
    /// `status_code` (old, unexpected, Acquiring) or `result.error_code` (new expected, old tree);
    /// nil when the body carries none, never a made-up 0.
    public var code: Int?
    public var message: String
    public var format: ErrorFormat
    public var httpStatus: Int
    /// The rest of the error body (`result`), for the rare caller that needs it.
    public var details: JSONValue?

    public init(
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
    public var operationID: String
    public var httpStatus: Int
    public var reason: String
    /// The start of the body, at most ``BodySnippet/limit`` characters.
    public var bodySnippet: String

    public init(operationID: String, httpStatus: Int, reason: String, bodySnippet: String) {
        self.operationID = operationID
        self.httpStatus = httpStatus
        self.reason = reason
        self.bodySnippet = bodySnippet
    }

    public var description: String {
        "\(operationID): HTTP \(httpStatus): \(reason); body: \(bodySnippet.isEmpty ? "(empty)" : bodySnippet)"
    }
}

public struct DecodingFailure: Sendable, Hashable, CustomStringConvertible {
    public var operationID: String
    public var httpStatus: Int
    /// Where in the body the value did not fit, e.g. `result.balance`.
    public var path: String
    public var reason: String
    public var bodySnippet: String

    public init(operationID: String, httpStatus: Int, path: String, reason: String, bodySnippet: String) {
        self.operationID = operationID
        self.httpStatus = httpStatus
        self.path = path
        self.reason = reason
        self.bodySnippet = bodySnippet
    }

    public var description: String {
        "\(operationID): cannot decode \(path.isEmpty ? "the response" : "`\(path)`") (HTTP \(httpStatus)): \(reason); body: \(bodySnippet)"
    }
}

public struct TransportFailure: Sendable, Hashable, CustomStringConvertible {
    public var operationID: String
    public var reason: String
    /// `URLError.Code.rawValue` when the failure came from URLSession.
    public var urlErrorCode: Int?

    public init(operationID: String, reason: String, urlErrorCode: Int?) {
        self.operationID = operationID
        self.reason = reason
        self.urlErrorCode = urlErrorCode
    }

    public var description: String { "\(operationID): transport failure: \(reason)" }
}

/// A short, printable prefix of a response body for error messages.
public enum BodySnippet {
    public static let limit = 200

    public static func of(_ body: Data) -> String {
        let prefix = body.prefix(limit * 4)
        var text = String(decoding: prefix, as: UTF8.self)
        text = String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        if text.count > limit || prefix.count < body.count {
            return String(text.prefix(limit)) + "…"
        }
        return text
    }
}
