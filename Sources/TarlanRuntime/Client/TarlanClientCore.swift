import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The engine under every generated client: sign, send through middlewares, interpret.
/// Generated clients hold one; `tarlan call` uses one directly.
package struct TarlanClientCore: Sendable {
    package let section: TarlanSection
    package let baseURL: URL
    /// `production`, `sandbox`, … (nil for a custom base URL); picks per-environment paths.
    package let environment: String?
    private let secret: TarlanSecret
    private let transport: any HTTPTransport
    private let configuration: TarlanClientConfiguration

    package init(
        section: TarlanSection,
        baseURL: URL,
        environment: String? = nil,
        secret: TarlanSecret,
        transport: any HTTPTransport,
        configuration: TarlanClientConfiguration = .init()
    ) {
        self.section = section
        self.baseURL = baseURL
        self.environment = environment
        self.secret = secret
        self.transport = transport
        self.configuration = configuration
    }

    /// Performs one operation within its deadline. Only operations the schema marks idempotent are
    /// ever retried, and only with a ``TarlanRetryPolicy``, within the policy's deadline for the whole
    /// call: payment POSTs are never repeated behind the caller's back.
    package func perform<Request: JSONWritable, Result: JSONReadable>(
        _ operation: OperationDescriptor,
        _ request: Request,
        returning type: Result.Type,
        options: TarlanCallOptions = .init()
    ) async throws -> Result {
        var prepared = try RequestBuilder.prepare(
            operation, request, baseURL: baseURL, environment: environment, secret: secret)
        prepared.request.headers["User-Agent"] = configuration.userAgent
        let attemptTimeout = options.timeout ?? configuration.timeout
        let policy = operation.isIdempotent ? configuration.retryPolicy : nil
        let clock = ContinuousClock()
        let start = clock.now
        let callDuration = policy?.maxTotalDuration ?? attemptTimeout
        prepared.request.timeout = min(attemptTimeout, callDuration)
        var attempt = 1
        while true {
            if attempt > 1 {
                // A later attempt gets the whole timeout, or what is left of the call's deadline.
                prepared.request.timeout = min(attemptTimeout, max(0, callDuration - Self.seconds(clock.now - start)))
            }
            do {
                let response = try await send(prepared.request, operation)
                return try ResponseInterpreter.decode(Result.self, for: operation, from: response)
            } catch let error as TarlanError {
                guard let policy, attempt < policy.maxAttempts, TarlanRetryPolicy.isRetryable(error) else {
                    throw error
                }
                var delay = policy.delay(after: attempt)
                if case .http(let failure) = error, let retryAfter = failure.retryAfter {
                    delay = max(delay, retryAfter)
                }
                // A pause that would end past the deadline is not taken: the call fails now, honestly.
                guard callDuration - Self.seconds(clock.now - start) > delay else { throw error }
                try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                attempt += 1
            }
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    private func send(_ request: HTTPRequest, _ operation: OperationDescriptor) async throws -> HTTPResponse {
        let transport = self.transport
        let operationID = operation.id
        var next: @Sendable (HTTPRequest) async throws -> HTTPResponse = { try await transport.send($0) }
        for middleware in configuration.middlewares.reversed() {
            let inner = next
            next = { try await middleware.intercept($0, operationID: operationID, next: inner) }
        }
        do {
            return try await next(request)
        } catch let error as TarlanError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch let failure as HTTPTransportError {
            if case .responseTooLarge(_, let statusCode) = failure.kind {
                throw TarlanError.http(
                    HTTPFailure(
                        operationID: operationID, httpStatus: statusCode, reason: failure.reason, bodySnippet: "",
                        reconciliation: operation.reconciliation))
            }
            throw TarlanError.transport(
                TransportFailure(
                    operationID: operationID, reason: failure.reason, urlErrorCode: failure.urlErrorCode,
                    requestMayHaveBeenSent: failure.requestMayHaveBeenSent, reconciliation: operation.reconciliation))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            // A transport that does not say how far it got: the request may have been sent, unless a
            // URLError proves it never connected.
            let failure =
                (error as? URLError).map(HTTPTransportError.init)
                ?? HTTPTransportError(
                    kind: .other, requestMayHaveBeenSent: true, reason: String(describing: type(of: error)))
            throw TarlanError.transport(
                TransportFailure(
                    operationID: operationID, reason: failure.reason, urlErrorCode: failure.urlErrorCode,
                    requestMayHaveBeenSent: failure.requestMayHaveBeenSent, reconciliation: operation.reconciliation))
        }
    }
}
