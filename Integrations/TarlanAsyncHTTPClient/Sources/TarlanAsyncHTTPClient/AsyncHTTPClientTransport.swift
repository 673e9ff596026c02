import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TarlanPayments

/// Sends requests with AsyncHTTPClient (SwiftNIO): for servers on Linux and many calls at once.
///
/// The same guarantees as `URLSessionTransport`: redirects are never followed (the signed request
/// goes only to the configured host), a response larger than `maxResponseSize` is abandoned as soon
/// as it exceeds the limit, the request's timeout is a deadline for the whole attempt (a server
/// trickling one byte a second does not keep it alive), cancelling the task cancels the request,
/// plain `http://` goes only to loopback, and a failure says whether any of the request may have
/// left the machine (``HTTPTransportError``).
///
/// Every transport shares one `HTTPClient` (and its connection pool) that lives as long as the process,
/// like `HTTPClient.shared`, but hardened as above: there is nothing to shut down. It keeps up to 64
/// connections per host; further calls wait their turn, and one whose timeout passes while it waits
/// fails as not sent (nothing of it left the machine).
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// Used when a request carries no timeout of its own.
    public let defaultTimeout: TimeInterval
    /// The largest response body accepted, in bytes. 10 MB by default.
    public let maxResponseSize: Int

    public init(defaultTimeout: TimeInterval = 30, maxResponseSize: Int = 10_000_000) {
        self.defaultTimeout = defaultTimeout
        self.maxResponseSize = maxResponseSize
    }

    public func send(_ request: TarlanPayments.HTTPRequest) async throws -> TarlanPayments.HTTPResponse {
        guard Destination.mayReceive(request.url) else {
            throw HTTPTransportError(
                requestMayHaveBeenSent: false, reason: "plain http is only for loopback hosts; use https")
        }
        let timeout = max(0, request.timeout ?? defaultTimeout)
        let outgoing = Self.outgoing(request)
        let limit = maxResponseSize
        do {
            return try await Self.exchange(
                outgoing, gate: SharedClient.gate(for: request.url), timeout: timeout, limit: limit)
        } catch {
            // The caller cancelled: that is theirs to see, not a transport failure.
            if Task.isCancelled { throw CancellationError() }
            throw FailureClassification.transportError(for: error)
        }
    }

    static func outgoing(_ request: TarlanPayments.HTTPRequest) -> HTTPClientRequest {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body, !body.isEmpty {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        return outgoing
    }

    /// One request and its whole body, read no further than `limit`, all within `timeout`.
    private static func exchange(
        _ outgoing: HTTPClientRequest, gate: ConnectionGate, timeout: TimeInterval, limit: Int
    ) async throws -> TarlanPayments.HTTPResponse {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(min(timeout, 86_400) * 1_000_000_000))
        // The deadline is kept in three parts, none of which holds a timer of its own while calls
        // queue: the gate's sweep while waiting for a connection, AsyncHTTPClient until the response
        // head (connecting, sending, the head itself), ``Deadline`` for the body.
        try await gate.enter(deadline: deadline)
        defer { gate.leave() }
        let response = try await SharedClient.client.execute(outgoing, deadline: deadline)
        let status = Int(response.status.code)
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
            // Dropping the unread body closes the connection: nothing more is downloaded.
            throw HTTPTransportError.responseTooLarge(limit: limit, statusCode: status)
        }
        let remaining = Double((deadline - NIODeadline.now()).nanoseconds) / 1_000_000_000
        let body = try await Deadline.run(after: max(0, remaining)) {
            try await readBody(response.body, limit: limit, statusCode: status)
        }
        var headers = TarlanPayments.HTTPHeaders()
        for (name, value) in response.headers {
            // Repeated fields joined as one, as URLSession does.
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return TarlanPayments.HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    private static func readBody(
        _ stream: HTTPClientResponse.Body, limit: Int, statusCode: Int
    ) async throws -> Data {
        var body = Data()
        for try await chunk in stream {
            guard body.count + chunk.readableBytes <= limit else {
                throw HTTPTransportError.responseTooLarge(limit: limit, statusCode: statusCode)
            }
            chunk.withUnsafeReadableBytes { body.append(contentsOf: $0) }
        }
        return body
    }
}
