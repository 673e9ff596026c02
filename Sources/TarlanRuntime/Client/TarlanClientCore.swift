import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The engine under every generated client: sign, send through middlewares, interpret.
/// Generated clients hold one; `tarlan call` uses one directly.
public struct TarlanClientCore: Sendable {
    public let section: TarlanSection
    public let baseURL: URL
    /// `production`, `sandbox`, … (nil for a custom base URL); picks per-environment paths.
    public let environment: String?
    private let secret: TarlanSecret
    private let transport: any HTTPTransport
    private let configuration: TarlanClientConfiguration

    public init(
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

    /// Performs one operation. Only operations the schema marks idempotent are ever retried, and only
    /// with a ``TarlanRetryPolicy``: payment POSTs are never repeated behind the caller's back.
    package func perform<Request: JSONWritable, Result: JSONReadable>(
        _ operation: OperationDescriptor,
        _ request: Request,
        returning type: Result.Type,
        options: TarlanCallOptions = .init()
    ) async throws -> Result {
        var prepared = try RequestBuilder.prepare(operation, request, baseURL: baseURL, environment: environment, secret: secret)
        prepared.request.timeout = options.timeout ?? configuration.timeout
        let policy = operation.isIdempotent ? configuration.retryPolicy : nil
        var attempt = 1
        while true {
            do {
                let response = try await send(prepared.request, operationID: operation.id)
                return try ResponseInterpreter.decode(Result.self, for: operation, from: response)
            } catch let error as TarlanError {
                guard let policy, attempt < policy.maxAttempts, TarlanRetryPolicy.isRetryable(error) else { throw error }
                try await Task.sleep(nanoseconds: UInt64(policy.delay(after: attempt) * 1_000_000_000))
                attempt += 1
            }
        }
    }

    private func send(_ request: HTTPRequest, operationID: String) async throws -> HTTPResponse {
        let transport = self.transport
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
        } catch let tooLarge as ResponseTooLarge {
            throw TarlanError.http(HTTPFailure(
                operationID: operationID, httpStatus: tooLarge.statusCode,
                reason: "the response is larger than \(tooLarge.limit) bytes and was not read", bodySnippet: ""
            ))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            let urlError = error as? URLError
            throw TarlanError.transport(TransportFailure(
                operationID: operationID, reason: Self.describe(error), urlErrorCode: urlError?.code.rawValue
            ))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut: return "timed out"
            case .cannotConnectToHost: return "cannot connect to host"
            case .networkConnectionLost: return "connection lost"
            case .cannotFindHost: return "cannot find host"
            default: return "URL error \(urlError.code.rawValue)"
            }
        }
        return String(describing: type(of: error))
    }
}
