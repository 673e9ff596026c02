import Foundation
import TarlanPayments
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Money and doubt: a failure of a money-moving call says whether it may have been carried out,
/// deadlines bound whole attempts, and amounts are exact.
extension HostileServerSuite {
    private var payment: MakePaymentRequest {
        MakePaymentRequest(
            agent: "tarlan", amount: Decimal(string: "100.50")!, datetime: TarlanTimestamp("2022-12-01T15:45:00Z"),
            externalID: "ext-1", project: "mobile", serviceCode: "201106", username: "989898")
    }

    private var refillStatus: String {
        #"{"status":true,"status_code":0,"message":"Success","result":{"error_code":0,"message":"","data":{"status_code":"2","amount":100.50,"external_id":"ext-1"}}}"#
    }

    // MARK: Outcome unknown

    public func testAResetAfterTheRequestWasReadIsOutcomeUnknownAndSaysHowToFindOut() async throws {
        let server = try start()
        replies.current = .reset
        let client = outcomeAGWS(server)
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

    public func testAnAcquiringPayInResetIsReconciledByProjectReference() async throws {
        let server = try start()
        replies.current = .reset
        let client = outcomeAcquiring(server)
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

    public func testARefusedConnectionWasNotSent() async throws {
        let server = try start()
        let url = server.baseURL
        server.stop()
        let client = AGWSClient(secret: Self.secret, environment: .custom(url), transport: transport.make(defaultTimeout, defaultMaxResponseSize))
        let error = await asyncTarlanError { try await client.makePayment(self.payment) }
        XCTAssertEqual(error?.outcome, .notSent, "\(String(describing: error))")
        XCTAssertEqual(error?.transportFailure?.requestMayHaveBeenSent, false)
        XCTAssertFalse(error?.description.contains("outcome unknown") ?? true)
        XCTAssertTrue(error?.description.contains("(not sent)") ?? false, "\(String(describing: error))")
    }

    public func testAnswersWithoutTheEnvelopeAreUnknownUnlessTheyRefuse() async throws {
        let server = try start()
        let client = outcomeAGWS(server)
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

    public func testAmountsAFloat64CannotCarryAreRefusedBeforeAnythingIsSent() async throws {
        let server = try start()
        replies.current = .respond(.json(refillStatus))
        let client = outcomeAGWS(server)
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

    public func testAmountsTravelExactly() async throws {
        let server = try start()
        replies.current = .respond(.json(#"{"status":true,"result":{"showcase_code":"daw","balance":0.1}}"#))
        let client = outcomeAGWS(server)
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

    public func testATricklingServerEndsAtTheDeadline() async throws {
        let server = try start()
        // The head at once, then one byte a second: an idle timeout would never fire.
        replies.current = .stream(LocalHTTPServer.Stream(totalBytes: 60, chunkSize: 1, pauseBetweenChunks: 1))
        let client = outcomeAGWS(server, timeout: 3)
        let clock = ContinuousClock()
        let started = clock.now
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        let elapsed = clock.now - started
        XCTAssertEqual(error?.transportFailure?.reason, "timed out", "\(String(describing: error))")
        XCTAssertGreaterThanOrEqual(elapsed, .seconds(2.9))
        XCTAssertLessThan(elapsed, .seconds(4), "the deadline, give or take a second")
    }

    public func testAMoneyMovingCallIsNeverRetried() async throws {
        let server = try start()
        replies.current = .respond(.html("<h1>Bad Gateway</h1>", status: 502, reason: "Bad Gateway"))
        let client = outcomeAGWS(server, retryPolicy: TarlanRetryPolicy(maxAttempts: 5, initialDelay: 0, maxDelay: 0, jitter: 0))
        _ = await asyncTarlanError { try await client.makePayment(self.payment) }
        XCTAssertEqual(server.receivedRequests.count, 1)
    }
}
