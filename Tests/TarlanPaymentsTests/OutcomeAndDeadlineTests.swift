import Foundation
import TarlanPayments
import TarlanPaymentsMocks
import TarlanTestSupport
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Money and doubt, through the real `URLSessionTransport` against a loopback server: a failure of a
/// money-moving call says whether it may have been carried out, deadlines bound whole attempts,
/// retries stay within the call's deadline, and amounts are exact.
final class OutcomeAndDeadlineTests: XCTestCase {
    private static let secret = TarlanSecret("outcome-secret")
    private var servers: [LocalHTTPServer] = []
    private let replies = SwitchableReply()

    override func tearDown() {
        for server in servers { server.stop() }
        servers = []
        super.tearDown()
    }

    private func start() throws -> LocalHTTPServer {
        let server = try LocalHTTPServer(maxConnections: 64, handler: replies.handler)
        servers.append(server)
        return server
    }

    private func agws(_ server: LocalHTTPServer, timeout: TimeInterval = 5, retryPolicy: TarlanRetryPolicy? = nil) -> AGWSClient {
        AGWSClient(
            secret: Self.secret, environment: .custom(server.baseURL), transport: URLSessionTransport(),
            configuration: TarlanClientConfiguration(timeout: timeout, retryPolicy: retryPolicy))
    }

    private func acquiring(_ server: LocalHTTPServer) -> AcquiringClient {
        AcquiringClient(secret: Self.secret, environment: .custom(server.baseURL), transport: URLSessionTransport())
    }

    private let payment = MakePaymentRequest(
        agent: "tarlan", amount: Decimal(string: "100.50")!, datetime: "2022-12-01T15:45:00Z", externalID: "ext-1",
        project: "mobile", serviceCode: "201106", username: "989898")

    private let refillStatus = #"{"status":true,"status_code":0,"message":"Success","result":{"error_code":0,"message":"","data":{"status_code":"2","amount":100.50,"external_id":"ext-1"}}}"#

    // MARK: Outcome unknown

    func testAResetAfterTheRequestWasReadIsOutcomeUnknownAndSaysHowToFindOut() async throws {
        let server = try start()
        replies.current = .reset
        let client = agws(server)
        let error = await asyncTarlanError { try await client.makePayment(self.payment) }
        XCTAssertEqual(server.receivedRequests.count, 1, "the request reached the server")
        let failure = try XCTUnwrap(error?.transportFailure, "\(String(describing: error))")
        XCTAssertTrue(failure.requestMayHaveBeenSent)
        XCTAssertEqual(error?.outcome, .unknown)
        let description = try XCTUnwrap(error?.description)
        XCTAssertTrue(description.hasPrefix("makePayment: outcome unknown: "), description)
        XCTAssertTrue(
            description.contains("find out with reconcileMakePayment(_:options:) (checkRefillStatus by agent, external_id, project, service_code)"),
            description)
        XCTAssertEqual(TarlanOperations.makePayment.reconciliation?.statusOperationID, "checkRefillStatus")

        // The generated reconcile method asks the status operation with the same payment's keys.
        replies.current = .respond(.json(refillStatus))
        let status = try await client.reconcileMakePayment(payment)
        XCTAssertEqual(status.data?.statusCode, .succeeded)
        XCTAssertEqual(status.data?.amount, Decimal(string: "100.5"))
        let asked = try XCTUnwrap(server.receivedRequests.last)
        XCTAssertEqual(asked.path, "/showcase-gateway/api/v1/action/status")
        XCTAssertEqual(
            String(decoding: asked.body, as: UTF8.self),
            #"{"agent":"tarlan","external_id":"ext-1","project":"mobile","service_code":"201106"}"#)
        XCTAssertEqual(server.receivedRequests.filter { $0.path.hasSuffix("/cash-in") }.count, 1, "the payment was never sent again")
    }

    func testAnAcquiringPayInResetIsReconciledByProjectReference() async throws {
        let server = try start()
        replies.current = .reset
        let client = acquiring(server)
        let payIn = PayInRequest(
            amount: 10, description: "Оплата", failureRedirectURL: "https://shop.example/fail", merchantID: 9999, projectID: 42,
            projectReferenceID: "order-7", successRedirectURL: "https://shop.example/ok")
        let error = await asyncTarlanError { try await client.createPayIn(payIn) }
        XCTAssertEqual(error?.outcome, .unknown)
        XCTAssertTrue(error?.description.contains("getTransactionStatus by merchant_id, project_id, project_reference_id") == true)
        replies.current = .respond(.json(#"{"status":true,"message":"Success","result":{"id":1,"transaction_status":{"code":"success"}}}"#))
        let status = try await client.reconcileCreatePayIn(payIn)
        XCTAssertEqual(status.transactionStatus?.code, .success)
        XCTAssertEqual(
            server.receivedRequests.last?.query, "merchant_id=9999&project_id=42&project_reference_id=order-7&type=in")
    }

    func testARefusedConnectionWasNotSent() async throws {
        let server = try start()
        let url = server.baseURL
        server.stop()
        let client = AGWSClient(secret: Self.secret, environment: .custom(url), transport: URLSessionTransport())
        let error = await asyncTarlanError { try await client.makePayment(self.payment) }
        XCTAssertEqual(error?.outcome, .notSent, "\(String(describing: error))")
        XCTAssertEqual(error?.transportFailure?.requestMayHaveBeenSent, false)
        XCTAssertFalse(error?.description.contains("outcome unknown") ?? true)
        XCTAssertTrue(error?.description.contains("(not sent)") ?? false, "\(String(describing: error))")
    }

    func testAnswersWithoutTheEnvelopeAreUnknownUnlessTheyRefuse() async throws {
        let server = try start()
        let client = agws(server)
        let cases: [(LocalHTTPServer.Reply, TarlanOutcome)] = [
            (.respond(.html("<h1>Bad Gateway</h1>", status: 502, reason: "Bad Gateway")), .unknown),
            (.respond(.html("<h1>Internal error</h1>", status: 500, reason: "Internal Server Error")), .unknown),
            (.respond(.json(#"{"status":true,"resu"#)), .unknown),
            (.respond(.json(#"{"status":true,"result":{"error_code":0,"data":{"amount":"lots"}}}"#)), .unknown),
            (.respond(.html("<h1>Not Found</h1>", status: 404, reason: "Not Found")), .rejected),
            (.respond(.json(#"{"status":false,"status_code":1042,"message":"duplicate external id","result":{}}"#)), .rejected),
        ]
        for (reply, outcome) in cases {
            replies.current = reply
            let error = await asyncTarlanError { try await client.makePayment(self.payment) }
            XCTAssertEqual(error?.outcome, outcome, "\(String(describing: error))")
            XCTAssertEqual(error?.description.contains("outcome unknown"), outcome == .unknown, "\(String(describing: error))")
        }
        // An idempotent operation's failure is the same, minus the advice: it is simply asked again.
        replies.current = .respond(.html("<h1>Bad Gateway</h1>", status: 502, reason: "Bad Gateway"))
        let balance = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertFalse(balance?.description.contains("outcome unknown") ?? true)
    }

    // MARK: Money

    func testAmountsAFloat64CannotCarryAreRefusedBeforeAnythingIsSent() async throws {
        let server = try start()
        replies.current = .respond(.json(refillStatus))
        let client = agws(server)
        var tooPrecise = payment
        tooPrecise.amount = Decimal(string: "1234567890123.456")!
        var negative = payment
        negative.amount = -5
        for request in [tooPrecise, negative] {
            let error = await asyncTarlanError { try await client.makePayment(request) }
            guard case .invalidRequest(let operationID, let reason) = error else { return XCTFail("\(String(describing: error))") }
            XCTAssertEqual(operationID, "makePayment")
            XCTAssertTrue(reason.hasPrefix("`amount`: "), reason)
            XCTAssertEqual(error?.outcome, .notSent)
        }
        let link = CreatePaymentLinkRequest(
            agent: "a", amount: Decimal(string: "10.5")!, referHost: "site.kz", service: "s", username: "u")
        let linkError = await asyncTarlanError { try await client.createPaymentLink(link) }
        XCTAssertTrue(linkError?.description.contains("documentation types this amount as Integer") == true)
        XCTAssertEqual(server.receivedRequests.count, 0, "nothing was sent")
    }

    func testAmountsTravelExactly() async throws {
        let server = try start()
        replies.current = .respond(.json(#"{"status":true,"result":{"showcase_code":"daw","balance":0.1}}"#))
        let client = agws(server)
        let balance = try await client.checkBalance(CheckBalanceRequest(agent: "daw")).balance
        XCTAssertEqual(balance, Decimal(string: "0.1"))
        XCTAssertEqual(balance?.description, "0.1")

        replies.current = .respond(.json(refillStatus))
        var request = payment
        request.amount = Decimal(string: "4.35")! * 3
        _ = try await client.makePayment(request)
        let body = String(decoding: try XCTUnwrap(server.receivedRequests.last?.body), as: UTF8.self)
        XCTAssertTrue(body.contains(#""amount":13.05,"#), body)
    }

    // MARK: Deadlines

    func testATricklingServerEndsAtTheDeadline() async throws {
        let server = try start()
        // The head at once, then one byte a second: an idle timeout would never fire.
        replies.current = .stream(LocalHTTPServer.Stream(totalBytes: 60, chunkSize: 1, pauseBetweenChunks: 1))
        let client = agws(server, timeout: 3)
        let clock = ContinuousClock()
        let started = clock.now
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        let elapsed = clock.now - started
        XCTAssertEqual(error?.transportFailure?.reason, "timed out", "\(String(describing: error))")
        XCTAssertGreaterThanOrEqual(elapsed, .seconds(2.9))
        XCTAssertLessThan(elapsed, .seconds(4), "the deadline, give or take a second")
    }

    func testRetryAfterIsHonouredWithinTheCallsDeadline() async throws {
        let attempts = Recorder<HTTPRequest>()
        let transport = InMemoryTransport { request in
            attempts.append(request)
            if attempts.count == 1 {
                return HTTPResponse(statusCode: 503, headers: ["Retry-After": "1"], body: Data("<h1>busy</h1>".utf8))
            }
            return response(200, #"{"status":true,"result":{"showcase_code":"daw","balance":5}}"#)
        }
        let policy = TarlanRetryPolicy(maxAttempts: 3, initialDelay: 0, maxDelay: 0, jitter: 0, maxTotalDuration: 10)
        let client = AGWSClient(
            secret: Self.secret, environment: .custom(URL(string: "https://gw.example")!), transport: transport,
            configuration: TarlanClientConfiguration(timeout: 5, retryPolicy: policy))
        let clock = ContinuousClock()
        let started = clock.now
        let balance = try await client.checkBalance(CheckBalanceRequest(agent: "daw")).balance
        XCTAssertEqual(balance, 5)
        XCTAssertEqual(attempts.count, 2)
        XCTAssertGreaterThanOrEqual(clock.now - started, .seconds(1), "waited as the server asked")

        // A wait that would pass the deadline is not taken: the call fails at once with the 503.
        let impatient = TarlanRetryPolicy(maxAttempts: 3, initialDelay: 0, maxDelay: 0, jitter: 0, maxTotalDuration: 2)
        let busy = InMemoryTransport { _ in HTTPResponse(statusCode: 503, headers: ["Retry-After": "100"], body: Data()) }
        let stubborn = AGWSClient(
            secret: Self.secret, environment: .custom(URL(string: "https://gw.example")!), transport: busy,
            configuration: TarlanClientConfiguration(timeout: 5, retryPolicy: impatient))
        let begin = clock.now
        let error = await asyncTarlanError { try await stubborn.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertEqual(error?.httpFailure?.retryAfter, 100)
        XCTAssertLessThan(clock.now - begin, .seconds(1))
    }

    func testRetriesShareOneDeadline() async throws {
        let attempts = Recorder<HTTPRequest>()
        // A transport that honours the deadline it is given, and always runs out of it.
        let slow = InMemoryTransport { request in
            attempts.append(request)
            try await Task.sleep(nanoseconds: UInt64((request.timeout ?? 0) * 1_000_000_000))
            throw HTTPTransportError(kind: .timedOut, requestMayHaveBeenSent: true, reason: "timed out")
        }
        let policy = TarlanRetryPolicy(maxAttempts: 5, initialDelay: 0, maxDelay: 0, jitter: 0, maxTotalDuration: 1.5)
        let client = AGWSClient(
            secret: Self.secret, environment: .custom(URL(string: "https://gw.example")!), transport: slow,
            configuration: TarlanClientConfiguration(timeout: 1, retryPolicy: policy))
        let clock = ContinuousClock()
        let started = clock.now
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertEqual(error?.transportFailure?.reason, "timed out")
        XCTAssertLessThan(clock.now - started, .seconds(2.2), "within the call's 1.5 s")
        let budgets = attempts.values.compactMap(\.timeout)
        XCTAssertEqual(budgets.first, 1, "the first attempt gets its whole timeout")
        XCTAssertLessThan(budgets.dropFirst().first ?? 0, 0.6, "the second gets what is left")
    }

    func testAMoneyMovingCallIsNeverRetried() async throws {
        let server = try start()
        replies.current = .respond(.html("<h1>Bad Gateway</h1>", status: 502, reason: "Bad Gateway"))
        let client = agws(server, retryPolicy: TarlanRetryPolicy(maxAttempts: 5, initialDelay: 0, maxDelay: 0, jitter: 0))
        _ = await asyncTarlanError { try await client.makePayment(self.payment) }
        XCTAssertEqual(server.receivedRequests.count, 1)
    }
}
