import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Tracing

/// The one `HTTPClient` every ``AsyncHTTPClientTransport`` uses, never shut down (so none of its users
/// has to), configured for a payment client.
enum SharedClient {
    /// Connections kept open to one host; requests beyond them wait for a free one.
    static let connectionsPerHost = 64

    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        // The 3xx itself is the answer: a redirect would carry the signature to another host.
        configuration.redirectConfiguration = .disallow
        // A failed connection fails the call at once ("not sent") rather than being retried until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionsPerHost
        configuration.decompression = .disabled
        // With no tracer bootstrapped, skip the no-op span AsyncHTTPClient would still build for every call
        // (about 5 % of a call's CPU under load).
        if InstrumentationSystem.tracer is NoOpTracer {
            configuration.tracing.tracer = nil
        }
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()

    private static let gates = GateTable()

    /// The gate in front of the pool's connections to `url`'s host (scheme, host and port, as the pool
    /// counts them: `https://h` and `https://h:443` are one host).
    static func gate(for url: URL) -> ConnectionGate {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return gates.gate(for: "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)")
    }
}

private final class GateTable: @unchecked Sendable {
    private let lock = NSLock()
    private var gates: [String: ConnectionGate] = [:]

    func gate(for host: String) -> ConnectionGate {
        lock.withLock {
            if let gate = gates[host] { return gate }
            let gate = ConnectionGate(width: SharedClient.connectionsPerHost)
            gates[host] = gate
            return gate
        }
    }
}
