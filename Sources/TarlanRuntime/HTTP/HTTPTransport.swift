/// Sends one HTTP request. Implementations: ``URLSessionTransport`` for real traffic; for tests,
/// `InMemoryTransport` and `MockTransport` in the `TarlanPaymentsMocks` library.
///
/// A transport never retries: payment calls are not safe to repeat. It ends the attempt by the
/// request's `timeout` (a deadline for the whole exchange), stops when its task is cancelled, and
/// throws ``HTTPTransportError`` saying whether any of the request may have left the machine.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// Sees every request and response of a client: logging, metrics, extra headers.
///
/// Call `next` to continue; a middleware that does not call it answers the request itself.
public protocol TarlanMiddleware: Sendable {
    func intercept(
        _ request: HTTPRequest,
        operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse
}
