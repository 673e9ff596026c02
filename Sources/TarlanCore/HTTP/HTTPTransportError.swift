import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A transport's failure, with how far the request got.
///
/// Throw it from a custom ``HTTPTransport`` so the client can tell "not sent" from "outcome unknown":
/// any other error a transport throws counts as a request that may have been sent.
public struct HTTPTransportError: Error, Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// The attempt's deadline passed (connect, send and the whole response body included).
        case timedOut
        /// The host name did not resolve.
        case dnsFailure
        /// The connection was refused or could not be opened.
        case cannotConnect
        /// The TLS handshake failed.
        case tlsFailure
        /// The connection broke (reset, closed early) before the whole answer arrived.
        case connectionLost
        /// The answer was larger than the transport's limit; it was not read to the end.
        case responseTooLarge(limit: Int, statusCode: Int)
        case other
    }

    package var kind: Kind
    /// False only when the transport knows nothing left the machine.
    public var requestMayHaveBeenSent: Bool
    public var reason: String
    /// `URLError.Code.rawValue` when the failure came from URLSession.
    package var urlErrorCode: Int?

    /// A failure of a custom transport: say whether any of the request may have left the machine.
    public init(requestMayHaveBeenSent: Bool, reason: String) {
        self.init(kind: .other, requestMayHaveBeenSent: requestMayHaveBeenSent, reason: reason)
    }

    /// The answer was larger than the transport accepts; the transport stopped reading it.
    public static func responseTooLarge(limit: Int, statusCode: Int) -> HTTPTransportError {
        HTTPTransportError(
            kind: .responseTooLarge(limit: limit, statusCode: statusCode), requestMayHaveBeenSent: true,
            reason: "the response is larger than \(limit) bytes and was not read")
    }

    package init(kind: Kind, requestMayHaveBeenSent: Bool, reason: String, urlErrorCode: Int? = nil) {
        self.kind = kind
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
        self.reason = reason
        self.urlErrorCode = urlErrorCode
    }

}

extension HTTPTransportError {
    /// A `URLError` classified: a failure before any connection (DNS, refused, TLS) sent nothing;
    /// anything else may have sent the request.
    package init(_ urlError: URLError) {
        let kind: Kind
        let reason: String
        switch urlError.code {
        case .cannotFindHost, .dnsLookupFailed:
            (kind, reason) = (.dnsFailure, "cannot find host")
        case .cannotConnectToHost, .notConnectedToInternet:
            (kind, reason) = (.cannotConnect, "cannot connect to host")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
            .clientCertificateRequired:
            (kind, reason) = (.tlsFailure, "TLS failure")
        case .timedOut:
            (kind, reason) = (.timedOut, "timed out")
        case .networkConnectionLost:
            (kind, reason) = (.connectionLost, "connection lost")
        default:
            (kind, reason) = (.other, "URL error \(urlError.code.rawValue)")
        }
        let nothingSent = kind == .dnsFailure || kind == .cannotConnect || kind == .tlsFailure
        self.init(
            kind: kind, requestMayHaveBeenSent: !nothingSent, reason: reason, urlErrorCode: urlError.code.rawValue)
    }
}
