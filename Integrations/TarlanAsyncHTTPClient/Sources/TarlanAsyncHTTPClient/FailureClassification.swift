import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TarlanPayments

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// AsyncHTTPClient's and SwiftNIO's failures as ``HTTPTransportError``s saying whether any of the
/// request may have left the machine: only a failure to open the connection (DNS, refused, connect
/// timeout, TLS handshake) sent nothing. The reasons are fixed words, never a URL or header.
enum FailureClassification {
    static func transportError(for error: any Error) -> any Error {
        if let error = error as? HTTPTransportError { return error }
        let (sent, reason) = classify(error)
        return HTTPTransportError(requestMayHaveBeenSent: sent, reason: reason)
    }

    private static let notSent: [(HTTPClientError, String)] = [
        (.connectTimeout, "cannot connect to host"),
        (.tlsHandshakeTimeout, "TLS failure"),
        (.socksHandshakeTimeout, "cannot connect to host"),
        (.httpProxyHandshakeTimeout, "cannot connect to host"),
        (.invalidURL, "invalid URL"),
        (.emptyHost, "invalid URL"),
        (.emptyScheme, "invalid URL"),
        (.alreadyShutdown, "the HTTP client is shut down"),
    ]

    private static let mayHaveBeenSent: [(HTTPClientError, String)] = [
        (.deadlineExceeded, "timed out"),
        (.readTimeout, "timed out"),
        (.writeTimeout, "timed out"),
        (.getConnectionFromPoolTimeout, "timed out"),
        (.remoteConnectionClosed, "connection lost"),
        (.bodyLengthMismatch, "connection lost"),
        (.uncleanShutdown, "connection lost"),
    ]

    private static func classify(_ error: any Error) -> (sent: Bool, reason: String) {
        switch error {
        case is Deadline.Expired:
            return (true, "timed out")
        case ConnectionGate.Refusal.deadlineExceeded:
            // Still waiting for a connection: nothing was sent.
            return (false, "timed out")
        case let error as HTTPClientError:
            if let (_, reason) = notSent.first(where: { $0.0 == error }) { return (false, reason) }
            // shortDescription names the case and never carries request data (header values, URLs).
            let reason = mayHaveBeenSent.first { $0.0 == error }?.1 ?? "HTTP client error: \(error.shortDescription)"
            return (true, reason)
        case let error as NIOConnectionError:
            return error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil)
                ? (false, "cannot find host") : (false, "cannot connect to host")
        case ChannelError.connectTimeout:
            return (false, "cannot connect to host")
        case let error as NIOSSLError:
            if case .handshakeFailed = error { return (false, "TLS failure") }
            return (true, "TLS failure")
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH: return (false, "cannot connect to host")
            default: return (true, "connection lost")
            }
        case is HTTPParserError:
            return (true, "malformed HTTP response")
        default:
            return (true, "\(type(of: error))")
        }
    }
}
