import Foundation
import TarlanPayments
import TarlanPaymentsMocks

/// One seed operation, ready to measure both ways: through the generated client and through the
/// hand-written baseline, each answered by an in-memory transport holding a prebuilt response
/// (the schema's success example).
struct Seed {
    let id: String
    let operation: OperationDescriptor
    /// The request example as the generated encoder produces it (what gets signed).
    let requestJSON: JSONValue
    let response: HTTPResponse

    let generatedCall: () async throws -> Void
    let handWrittenCall: () async throws -> Void
    let generatedBuild: () throws -> Void
    let handWrittenBuild: () throws -> Void
    let generatedDecode: () throws -> Void
    let handWrittenDecode: () throws -> Void
    /// Sends one request each way and returns both (to check they are the same request).
    let capture: () async throws -> (generated: HTTPRequest, handWritten: HTTPRequest)
}

enum Seeds {
    static let secret = "12345"

    static func all() throws -> [Seed] {
        [
            try make(
                TarlanOperations.checkBalance, AGWSClient.section,
                generated: (CheckBalanceRequest.self, CheckBalanceResult.self),
                handWritten: (HandWritten.CheckBalanceRequest.self, HandWritten.CheckBalanceResult.self),
                client: { transport in
                    let client = AGWSClient(secret: TarlanSecret(secret), environment: .production, transport: transport)
                    return { try await client.checkBalance($0) }
                }
            ),
            try make(
                TarlanOperations.confirmInvoice, AGWSClient.section,
                generated: (ConfirmInvoiceRequest.self, ConfirmInvoiceResult.self),
                handWritten: (HandWritten.ConfirmInvoiceRequest.self, HandWritten.ConfirmInvoiceResult.self),
                client: { transport in
                    let client = AGWSClient(secret: TarlanSecret(secret), environment: .production, transport: transport)
                    return { try await client.confirmInvoice($0) }
                }
            ),
            try make(
                TarlanOperations.createPaymentLink, AGWSClient.section,
                generated: (CreatePaymentLinkRequest.self, PaymentLinkResult.self),
                handWritten: (HandWritten.CreatePaymentLinkRequest.self, HandWritten.PaymentLinkResult.self),
                client: { transport in
                    let client = AGWSClient(secret: TarlanSecret(secret), environment: .production, transport: transport)
                    return { try await client.createPaymentLink($0) }
                }
            ),
            try make(
                TarlanOperations.getTransactionStatus, AcquiringClient.section,
                generated: (TransactionStatusQuery.self, TransactionStatusResult.self),
                handWritten: (HandWritten.TransactionStatusQuery.self, HandWritten.TransactionStatusResult.self),
                client: { transport in
                    let client = AcquiringClient(secret: TarlanSecret(secret), environment: .production, transport: transport)
                    return { try await client.getTransactionStatus($0) }
                }
            ),
        ]
    }

    static func example(_ operationID: String, _ name: String) throws -> OperationExample {
        guard let example = TarlanExamples.all.first(where: { $0.operationID == operationID && $0.name == name }) else {
            throw BenchmarkError("the schema has no example \"\(name)\" for \(operationID)")
        }
        return example
    }

    private static func make<GRequest: JSONWritable & Codable & Sendable, GResult: JSONReadable, HRequest: Codable, HResult: Decodable>(
        _ operation: OperationDescriptor,
        _ section: TarlanSection,
        generated: (GRequest.Type, GResult.Type),
        handWritten: (HRequest.Type, HResult.Type),
        client makeClient: @escaping (any HTTPTransport) -> (GRequest) async throws -> GResult
    ) throws -> Seed {
        let requestText = Data(try example(operation.id, "request").json.utf8)
        let success = try example(operation.id, "success")
        let response = HTTPResponse(
            statusCode: success.httpStatus ?? 200,
            headers: ["Content-Type": "application/json"],
            body: Data(success.json.utf8)
        )
        let generatedRequest = try JSONDecoder().decode(GRequest.self, from: requestText)
        let handRequest = try JSONDecoder().decode(HRequest.self, from: requestText)
        let baseURLText = section.servers["production"]!
        let baseURL = URL(string: baseURLText)!
        let path = operation.path

        let transport = InMemoryTransport { _ in response }
        let call = makeClient(transport)
        let hand = HandWritten.Client(
            baseURL: baseURLText, secret: secret, headerName: section.signing.headerName,
            valuePrefix: section.signing.valuePrefix, transport: transport
        )
        let handBuild: (HandWritten.Client) throws -> HTTPRequest = { client in
            if let query = handRequest as? HandWritten.TransactionStatusQuery {
                try client.buildGET(path, query)
            } else {
                try client.buildPOST(path, handRequest)
            }
        }
        let handCall: () async throws -> HResult = {
            if let query = handRequest as? HandWritten.TransactionStatusQuery {
                try await hand.get(path, query, returning: HResult.self)
            } else {
                try await hand.post(path, handRequest, returning: HResult.self)
            }
        }

        return Seed(
            id: operation.id,
            operation: operation,
            requestJSON: try generatedRequest.json(),
            response: response,
            generatedCall: { blackHole(try await call(generatedRequest)) },
            handWrittenCall: { blackHole(try await handCall()) },
            generatedBuild: {
                blackHole(try RequestBuilder.prepare(
                    operation, generatedRequest, baseURL: baseURL, environment: "production", secret: TarlanSecret(secret)
                ))
            },
            handWrittenBuild: { blackHole(try handBuild(hand)) },
            generatedDecode: { blackHole(try ResponseInterpreter.decode(GResult.self, for: operation, from: response)) },
            handWrittenDecode: { blackHole(try hand.decode(HResult.self, response)) },
            capture: {
                let box = RequestBox()
                let recording = InMemoryTransport { request in
                    box.set(request)
                    return response
                }
                _ = try await makeClient(recording)(generatedRequest)
                let generated = box.get()!
                let recordingHand = HandWritten.Client(
                    baseURL: baseURLText, secret: secret, headerName: section.signing.headerName,
                    valuePrefix: section.signing.valuePrefix, transport: recording
                )
                if let query = handRequest as? HandWritten.TransactionStatusQuery {
                    _ = try await recordingHand.get(path, query, returning: HResult.self)
                } else {
                    _ = try await recordingHand.post(path, handRequest, returning: HResult.self)
                }
                return (generated, box.get()!)
            }
        )
    }
}

/// The last request a recording transport saw.
final class RequestBox: @unchecked Sendable {
    private let lock = NSLock()
    private var request: HTTPRequest?

    func set(_ request: HTTPRequest) {
        lock.lock()
        self.request = request
        lock.unlock()
    }

    func get() -> HTTPRequest? {
        lock.lock()
        defer { lock.unlock() }
        return request
    }
}
