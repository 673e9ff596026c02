import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TarlanPayments

/// Receives Tarlan's three callbacks: verifies each signature with `WebhookVerifier`, answers what the
/// callback requires, and processes a repeated delivery once.
///
/// - 200 (no body): AGWS Payment System Callback and Acquiring Payment Status webhook, once processed.
/// - 200 with the `PaymentReadyReply` JSON: Payment ready to be made.
/// - 401: missing or wrong signature; 413: body over `maxBodySize`; 400: not a JSON object.
///   Nothing is processed then.
/// - 409: the same delivery is being processed right now; 500: processing failed. Tarlan retries both.
public struct CallbackReceiver: Sendable {
    /// Where each callback is received: give these URLs to Tarlan (`callback_url`, `confirm_url`).
    public struct Paths: Sendable {
        public var agwsPaymentCallback = "/tarlan/agws/payment-callback"
        public var acquiringPaymentStatus = "/tarlan/acquiring/payment-status"
        public var acquiringPaymentReady = "/tarlan/acquiring/payment-ready"

        public init() {}
    }

    public var paths = Paths()
    /// Larger bodies are refused with 413 before they are read to the end; Tarlan's callbacks are small.
    public var maxBodySize: Int
    private let verifier: WebhookVerifier
    private let store: any IdempotencyStore
    private let events: any PaymentEvents
    private let logger: Logger

    public init(
        secret: TarlanSecret, events: any PaymentEvents, store: any IdempotencyStore = InMemoryIdempotencyStore(),
        maxBodySize: Int = 64 * 1024, logger: Logger = Logger(label: "tarlan.callbacks")
    ) {
        self.verifier = WebhookVerifier(secret: secret, maxBodySize: maxBodySize)
        self.events = events
        self.store = store
        self.maxBodySize = maxBodySize
        self.logger = logger
    }

    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.post(RouterPath(paths.agwsPaymentCallback)) { request, _ in
            try await receivePOST(request, signature: .xSignature) { body, header throws(WebhookError) in
                try verifier.agwsPaymentSystemCallback(body: body, signatureHeader: header)
            } key: {
                IdempotencyKey.agws($0, body: $1)
            } process: {
                try await events.agwsPaymentFinished($0)
                return .ok
            }
        }
        router.post(RouterPath(paths.acquiringPaymentStatus)) { request, _ in
            try await receivePOST(request, signature: .authorization) { body, header throws(WebhookError) in
                try verifier.acquiringPaymentStatus(body: body, signatureHeader: header)
            } key: {
                IdempotencyKey.acquiringStatus($0, body: $1)
            } process: {
                try await events.acquiringStatusChanged($0)
                return .ok
            }
        }
        router.get(RouterPath(paths.acquiringPaymentReady)) { request, _ in
            try await receivePaymentReady(request)
        }
    }

    /// A Hummingbird application serving the three routes on `host:port` (port 0: any free port,
    /// reported to `onServerRunning`).
    public func makeApplication(
        host: String = "127.0.0.1", port: Int = 8080,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        addRoutes(to: router)
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "webhook-receiver"),
            onServerRunning: onServerRunning, logger: logger)
    }

    // MARK: Receiving

    private func receivePOST<Payload>(
        _ request: Request, signature: HTTPField.Name,
        verify: (Data, String?) throws(WebhookError) -> VerifiedCallback<Payload>,
        key: (VerifiedCallback<Payload>, Data) -> String,
        process: @escaping (VerifiedCallback<Payload>) async throws -> StoredReply
    ) async throws -> Response {
        let body: Data
        switch await BodyReader.read(request, limit: maxBodySize) {
        case .success(let data): body = data
        case .failure(let refusal): return refuse(refusal, request)
        }
        let verified: VerifiedCallback<Payload>
        do {
            verified = try verify(body, request.headers[signature])
        } catch {
            return refuse(error, request)
        }
        return await processOnce(key(verified, body)) { try await process(verified) }
    }

    private func receivePaymentReady(_ request: Request) async throws -> Response {
        let target = request.uri.description
        // The verifier reads the signed query from the URL; the host part is not signed.
        guard let url = URL(string: "http://receiver" + target) else { return Response(status: .badRequest) }
        let verified: VerifiedCallback<PaymentReadyQuery>
        do {
            verified = try verifier.acquiringPaymentReady(url: url, signatureHeader: request.headers[.authorization])
        } catch {
            return refuse(error, request)
        }
        return await processOnce(IdempotencyKey.paymentReady(verified, query: request.uri.query ?? "")) {
            let reply = try await events.paymentReady(verified)
            return StoredReply(status: 200, contentType: "application/json", body: try JSONEncoder().encode(reply))
        }
    }

    /// Runs `process` for the first delivery of `key`; a repeat gets the stored answer.
    private func processOnce(_ key: String, _ process: () async throws -> StoredReply) async -> Response {
        let claim: IdempotencyClaim
        do {
            claim = try await store.claim(key)
        } catch {
            logger.error("idempotency store unavailable: \(type(of: error))")
            return Response(status: .internalServerError)
        }
        switch claim {
        case .done(let reply):
            logger.info("repeated delivery answered without processing", metadata: ["key": "\(key)"])
            return Self.response(reply)
        case .inProgress:
            return Response(status: .conflict)
        case .claimed:
            do {
                let reply = try await process()
                try await store.complete(key, with: reply)
                return Self.response(reply)
            } catch {
                await store.release(key)
                logger.error("processing failed; Tarlan will deliver again", metadata: ["key": "\(key)"])
                return Response(status: .internalServerError)
            }
        }
    }

    private func refuse(_ error: WebhookError, _ request: Request) -> Response {
        // The error's description never carries the secret or the signature.
        logger.warning("\(request.uri.path): \(error.description)")
        switch error {
        case .missingSignature, .invalidSignature: return Response(status: .unauthorized)
        case .bodyTooLarge: return Response(status: .contentTooLarge)
        case .malformedBody: return Response(status: .badRequest)
        }
    }

    private static func response(_ reply: StoredReply) -> Response {
        var headers = HTTPFields()
        if let contentType = reply.contentType { headers[.contentType] = contentType }
        return Response(
            status: HTTPTypes.HTTPResponse.Status(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}

extension HTTPField.Name {
    /// AGWS's signature header.
    static let xSignature = HTTPField.Name("X-Signature")!
}
