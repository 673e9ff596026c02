import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TarlanPayments
import WebhookReceiver

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The merchant's processing, recorded: what was processed, how often, and what it answers.
actor RecordingEvents: PaymentEvents {
    private(set) var agws: [AGWSPaymentCallback] = []
    private(set) var statuses: [AcquiringPaymentStatusWebhook] = []
    private(set) var readyQuestions: [PaymentReadyQuery] = []
    /// Orders this merchant expects to be paid.
    var payableOrders: Set<String> = ["order-7"]
    /// Fail the next processing (a database outage, say).
    var failNext = false
    /// Hold processing until released, to let concurrent repeats arrive meanwhile.
    var delay: Duration = .zero

    var processedCount: Int { agws.count + statuses.count + readyQuestions.count }

    func failNextProcessing() { failNext = true }
    func setDelay(_ duration: Duration) { delay = duration }

    private func maybeFail() async throws {
        try await Task.sleep(for: delay)
        if failNext {
            failNext = false
            throw CancellationError()
        }
    }

    func agwsPaymentFinished(_ callback: VerifiedCallback<AGWSPaymentCallback>) async throws {
        try await maybeFail()
        agws.append(callback.payload)
    }

    func acquiringStatusChanged(_ callback: VerifiedCallback<AcquiringPaymentStatusWebhook>) async throws {
        try await maybeFail()
        statuses.append(callback.payload)
    }

    func paymentReady(_ callback: VerifiedCallback<PaymentReadyQuery>) async throws -> PaymentReadyReply {
        try await maybeFail()
        readyQuestions.append(callback.payload)
        let order = callback.payload.projectReferenceID ?? ""
        let payable = payableOrders.contains(order)
        return PaymentReadyReply(
            id: order, isPayable: payable, message: payable ? "order \(order)" : "unknown order",
            status: payable ? "success" : "declined")
    }
}

/// A receiver running on 127.0.0.1 and a free port, and real HTTP requests to it.
final class ReceiverHarness: Sendable {
    static let secret = "merchant-callback-secret"
    let events = RecordingEvents()
    let store = InMemoryIdempotencyStore()
    let port: Int
    private let services: ServiceGroup
    private let server: Task<Void, any Error>
    private let session = URLSession(configuration: .ephemeral)

    init(maxBodySize: Int = 64 * 1024) async throws {
        // Refusals and failed processing are logged as warnings and errors: expected here, so kept quiet.
        var logger = Logger(label: "tarlan.callbacks.test")
        logger.logLevel = .critical
        let receiver = CallbackReceiver(
            secret: TarlanSecret(Self.secret), events: events, store: store, maxBodySize: maxBodySize, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = receiver.makeApplication(host: "127.0.0.1", port: 0) { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        self.services = services
        server = Task { try await services.run() }
        var bound = 0
        for await port in ports { bound = port }
        port = bound
    }

    func stop() async {
        await services.triggerGracefulShutdown()
        _ = await server.result
        session.finishTasksAndInvalidate()
    }

    struct Answer {
        var status: Int
        var body: Data
        var contentType: String?
    }

    func send(_ method: String, _ target: String, body: String? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(target)")!)
        request.httpMethod = method
        request.timeoutInterval = 10
        request.httpBody = body.map { Data($0.utf8) }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        return Answer(status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type"))
    }
}
