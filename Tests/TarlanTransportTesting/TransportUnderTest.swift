import Foundation
import TarlanPayments

/// The transport a ``HostileServerSuite`` runs against: how to make one with a default timeout and a
/// response size limit, and what its failures carry.
public struct TransportUnderTest: Sendable {
    public var name: String
    /// Failures carry `URLError` codes (URLSession's do; others need not).
    public var reportsURLErrorCodes: Bool
    private let factory: @Sendable (_ defaultTimeout: TimeInterval, _ maxResponseSize: Int) -> any HTTPTransport

    public init(
        name: String, reportsURLErrorCodes: Bool = false,
        make: @escaping @Sendable (_ defaultTimeout: TimeInterval, _ maxResponseSize: Int) -> any HTTPTransport
    ) {
        self.name = name
        self.reportsURLErrorCodes = reportsURLErrorCodes
        self.factory = make
    }

    /// A new transport with these limits.
    public func make(_ defaultTimeout: TimeInterval, _ maxResponseSize: Int) -> any HTTPTransport {
        factory(defaultTimeout, maxResponseSize)
    }

    /// TarlanKit's own `URLSessionTransport`.
    public static let urlSession = TransportUnderTest(name: "URLSessionTransport", reportsURLErrorCodes: true) {
        URLSessionTransport(defaultTimeout: $0, maxResponseSize: $1)
    }
}
