import Foundation
import TarlanPayments
import TarlanPaymentsMocks
import TarlanTransportTesting
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Sendable private func balanceSuccess(_ request: HTTPRequest) -> HTTPResponse {
    response(200, #"{"status":true,"status_code":0,"message":"Success","result":{"showcase_code":"daw","balance":42.5}}"#)
}

/// Generated clients and `TarlanClientCore` over `InMemoryTransport`: signing, middlewares, errors, cancellation.
final class ClientCoreTests: XCTestCase {
    private let secret = TarlanSecret("12345")
    private let customURL = URL(string: "https://gw.example/tarlan/")!

    // MARK: Generated clients

    func testCheckBalanceThroughInMemoryTransport() async throws {
        let recorder = Recorder<HTTPRequest>()
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL), transport: recordingTransport(recorder) { balanceSuccess($0) })
        let result = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(result, CheckBalanceResult(balance: 42.5, showcaseCode: "daw"))

        XCTAssertEqual(recorder.count, 1)
        let sent = try XCTUnwrap(recorder.values.first)
        XCTAssertEqual(sent.method, .post)
        XCTAssertEqual(sent.url.absoluteString, "https://gw.example/tarlan/showcase-gateway/api/v1/showcase/balance")
        XCTAssertEqual(sent.body.map { String(decoding: $0, as: UTF8.self) }, #"{"agent":"daw"}"#)
        XCTAssertEqual(sent.headers["X-Signature"], "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee")
        XCTAssertEqual(sent.timeout, 30, "the whole attempt's deadline: 30 s unless configured")
    }

    func testEveryRequestNamesTheSDKInItsUserAgentUnlessConfiguredOtherwise() async throws {
        let recorder = Recorder<HTTPRequest>()
        let transport = recordingTransport(recorder) { balanceSuccess($0) }
        _ = try await AGWSClient(secret: secret, environment: .custom(customURL), transport: transport)
            .checkBalance(CheckBalanceRequest(agent: "daw"))
        let configured = TarlanClientConfiguration(userAgent: "Shop/2.1 TarlanKit")
        _ = try await AGWSClient(secret: secret, environment: .custom(customURL), transport: transport, configuration: configured)
            .checkBalance(CheckBalanceRequest(agent: "daw"))
        let agents = recorder.values.map { $0.headers["user-agent"] }
        XCTAssertEqual(agents.count, 2)
        let standard = try XCTUnwrap(agents[0])
        XCTAssertTrue(standard.hasPrefix("TarlanKit/\(TarlanKit.version) (Swift 6."), standard)
        #if os(Linux)
        XCTAssertTrue(standard.hasSuffix("; Linux)"), standard)
        #endif
        XCTAssertEqual(agents[1], "Shop/2.1 TarlanKit")
        XCTAssertEqual(recorder.values[1].headers["X-Signature"], recorder.values[0].headers["X-Signature"], "not signed")
    }

    /// The version constant is the one the changelog is about to release (or has released).
    func testTheVersionIsTheChangelogsNextOrLatestRelease() throws {
        let changelog = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let released = changelog.split(separator: "\n").first { $0.hasPrefix("## [") && !$0.hasPrefix("## [Unreleased]") }
        let latest = try XCTUnwrap(released.map { $0.dropFirst(4).prefix { $0 != "]" } }).split(separator: ".").compactMap { Int($0) }
        let version = TarlanKit.version.split(separator: "-")[0].split(separator: ".").compactMap { Int($0) }
        XCTAssertEqual(version.count, 3)
        if TarlanKit.version.hasSuffix("-dev") {
            XCTAssertTrue(changelog.contains("## [Unreleased]"))
            XCTAssertTrue(version.lexicographicallyPrecedes(latest) == false && version != latest, "\(version) after \(latest)")
        } else {
            XCTAssertEqual(version, latest)
        }
    }

    func testGetTransactionStatusThroughInMemoryTransport() async throws {
        let recorder = Recorder<HTTPRequest>()
        let client = AcquiringClient(
            secret: secret, environment: .custom(URL(string: "http://localhost:9")!),
            transport: recordingTransport(recorder) { _ in
                response(200, #"{"status":true,"message":"Success","result":{"id":7,"transaction_status":{"code":"new"}}}"#)
            })
        let result = try await client.getTransactionStatus(
            TransactionStatusQuery(merchantID: 1, projectID: 42, projectReferenceID: "sanch92116", type: .payIn))
        XCTAssertEqual(result.id, 7)
        XCTAssertEqual(result.transactionStatus?.code, .new)
        let sent = try XCTUnwrap(recorder.values.first)
        XCTAssertEqual(sent.method, .get)
        XCTAssertEqual(
            sent.url.absoluteString,
            "http://localhost:9/transaction/api/v1/system/transaction/status?merchant_id=1&project_id=42&project_reference_id=sanch92116&type=in"
        )
        let typed: JSONValue = ["merchant_id": 1, "project_id": 42, "project_reference_id": "sanch92116", "type": "in"]
        XCTAssertEqual(
            sent.headers["Authorization"],
            "Bearer " + Signer.signature(for: typed, secret: secret, rules: AcquiringClient.section.signing))
    }

    func testAPIErrorsSurfaceFromTheClient() async {
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL),
            transport: InMemoryTransport { _ in
                response(400, #"{"status":false,"status_code":1014,"message":"Invalid signature","result":{}}"#)
            })
        let error = await asyncTarlanError { try await client.confirmInvoice(ConfirmInvoiceRequest(agent: "a", externalID: "b")) }
        XCTAssertEqual(error?.apiError?.format, .newUnexpected)
        XCTAssertEqual(error?.apiError?.code, 1014)
        XCTAssertEqual(error?.apiError?.operationID, "confirmInvoice")
    }

    func testDefaultEnvironmentsPointAtTheDocumentedHosts() {
        XCTAssertEqual(AGWSClient.Environment.production.baseURL.absoluteString, "https://agwsapi.tarlanpayments.kz")
        XCTAssertEqual(AcquiringClient.Environment.production.baseURL.absoluteString, "https://prapi.tarlanpayments.kz")
        XCTAssertEqual(AcquiringClient.Environment.sandbox.baseURL.absoluteString, "https://sandboxapi.tarlanpayments.kz")
        XCTAssertEqual(AGWSClient.Environment.custom(customURL).baseURL, customURL)
        XCTAssertNil(AGWSClient.Environment.custom(customURL).name)
        XCTAssertEqual(AcquiringClient.Environment.sandbox.name, "sandbox")
    }

    // MARK: Middlewares

    private struct Tracing: TarlanMiddleware {
        var name: String
        var log: Recorder<String>

        func intercept(
            _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            log.append("\(name)>\(operationID)")
            var request = request
            let seen = request.headers["X-Trace"] ?? ""
            request.headers["X-Trace"] = seen.isEmpty ? name : seen + "," + name
            var response = try await next(request)
            log.append("\(name)<\(response.statusCode)")
            response.headers["X-Seen-By"] = (response.headers["X-Seen-By"].map { $0 + "," } ?? "") + name
            return response
        }
    }

    /// Rewrites the body of every response before the interpreter sees it.
    private struct Rewriting: TarlanMiddleware {
        func intercept(
            _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            var response = try await next(request)
            response.statusCode = 200
            response.body = Data(#"{"status":true,"result":{"balance":99}}"#.utf8)
            return response
        }
    }

    /// Answers by itself, never calling `next`.
    private struct ShortCircuit: TarlanMiddleware {
        func intercept(
            _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            response(200, #"{"status":true,"result":{"showcase_code":"cached"}}"#)
        }
    }

    func testMiddlewaresRunInOrderAndSeeEverything() async throws {
        let log = Recorder<String>()
        let recorder = Recorder<HTTPRequest>()
        let transport = recordingTransport(recorder) { request in
            log.append("transport:\(request.headers["X-Trace"] ?? "-")")
            return response(200, #"{"status":true,"result":{"balance":1}}"#)
        }
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL), transport: transport,
            configuration: TarlanClientConfiguration(middlewares: [
                Tracing(name: "first", log: log), Tracing(name: "second", log: log),
            ]))
        let result = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(result.balance, 1)
        XCTAssertEqual(
            log.values, ["first>checkBalance", "second>checkBalance", "transport:first,second", "second<200", "first<200"])
        // The added header reached the wire, next to the signature.
        let sent = try XCTUnwrap(recorder.values.first)
        XCTAssertEqual(sent.headers["x-trace"], "first,second")
        XCTAssertNotNil(sent.headers["X-Signature"])
    }

    func testMiddlewareCanModifyTheResponse() async throws {
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL), transport: InMemoryTransport { _ in response(502, "<html>") },
            configuration: TarlanClientConfiguration(middlewares: [Rewriting()]))
        let result = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(result.balance, 99)
    }

    func testMiddlewareCanAnswerWithoutTheTransport() async throws {
        let recorder = Recorder<HTTPRequest>()
        let log = Recorder<String>()
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL), transport: recordingTransport(recorder) { balanceSuccess($0) },
            configuration: TarlanClientConfiguration(middlewares: [Tracing(name: "outer", log: log), ShortCircuit(), Tracing(name: "never", log: log)]))
        let result = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(result.showcaseCode, "cached")
        XCTAssertEqual(recorder.count, 0)
        XCTAssertEqual(log.values, ["outer>checkBalance", "outer<200"])
    }

    func testMiddlewareErrorsAreTransportFailuresButTarlanErrorsPassThrough() async {
        struct Throwing: TarlanMiddleware {
            var error: any Error
            func intercept(
                _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
            ) async throws -> HTTPResponse {
                throw error
            }
        }
        struct Custom: Error {}
        let invalid = TarlanError.invalidRequest(operationID: "x", reason: "refused by policy")
        for (thrown, expected) in [(invalid as any Error, invalid), (Custom(), nil)] {
            let client = AGWSClient(
                secret: secret, environment: .custom(customURL), transport: InMemoryTransport { balanceSuccess($0) },
                configuration: TarlanClientConfiguration(middlewares: [Throwing(error: thrown)]))
            let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
            if let expected {
                XCTAssertEqual(error, expected)
            } else {
                XCTAssertEqual(error?.transportFailure?.reason, "Custom")
                XCTAssertNil(error?.transportFailure?.urlErrorCode)
            }
        }
    }

    // MARK: Transport failures

    func testTimedOutTransportIsATransportError() async {
        let calls = Recorder<HTTPRequest>()
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL),
            transport: recordingTransport(calls) { _ in throw URLError(.timedOut) })
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertEqual(
            error, .transport(TransportFailure(operationID: "checkBalance", reason: "timed out", urlErrorCode: URLError.Code.timedOut.rawValue)))
        XCTAssertEqual(calls.count, 1, "never retried")
    }

    func testOtherURLErrorsAreDescribed() async {
        let cases: [(URLError.Code, String, TarlanOutcome)] = [
            (.cannotConnectToHost, "cannot connect to host", .notSent), (.networkConnectionLost, "connection lost", .unknown),
            (.cannotFindHost, "cannot find host", .notSent), (.secureConnectionFailed, "TLS failure", .notSent),
            (.badServerResponse, "URL error \(URLError.Code.badServerResponse.rawValue)", .unknown),
        ]
        for (code, reason, outcome) in cases {
            let client = AcquiringClient(
                secret: secret, environment: .custom(customURL), transport: InMemoryTransport { _ in throw URLError(code) })
            let error = await asyncTarlanError {
                try await client.getTransactionStatus(TransactionStatusQuery(merchantID: 1, projectID: 2, projectReferenceID: "r", type: .payIn))
            }
            XCTAssertEqual(error?.transportFailure?.reason, reason)
            XCTAssertEqual(error?.outcome, outcome, reason)
            XCTAssertEqual(error?.transportFailure?.urlErrorCode, code.rawValue)
            XCTAssertEqual(error?.transportFailure?.operationID, "getTransactionStatus")
        }
    }

    func testTheClientNeverRetriesByDefault() async {
        let failures: [@Sendable (HTTPRequest) async throws -> HTTPResponse] = [
            { _ in throw URLError(.networkConnectionLost) },
            { _ in response(503, "<html>Service Unavailable</html>") },
            { _ in response(500, #"{"status":false,"status_code":500,"message":"internal server error"}"#) },
            { _ in response(200, "") },
        ]
        for failure in failures {
            // Idempotent (checkBalance) and not (confirmInvoice): neither is repeated behind the caller's back.
            let balanceCalls = Recorder<HTTPRequest>()
            let balance = AGWSClient(secret: secret, environment: .custom(customURL), transport: recordingTransport(balanceCalls, failure))
            _ = await asyncTarlanError { try await balance.checkBalance(CheckBalanceRequest(agent: "daw")) }
            XCTAssertEqual(balanceCalls.count, 1)

            let confirmCalls = Recorder<HTTPRequest>()
            let confirm = AGWSClient(secret: secret, environment: .custom(customURL), transport: recordingTransport(confirmCalls, failure))
            _ = await asyncTarlanError { try await confirm.confirmInvoice(ConfirmInvoiceRequest(agent: "a", externalID: "e")) }
            XCTAssertEqual(confirmCalls.count, 1)
        }
    }

    func testTimeoutIsPutOnTheRequest() async throws {
        let recorder = Recorder<HTTPRequest>()
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL), transport: recordingTransport(recorder) { balanceSuccess($0) },
            configuration: TarlanClientConfiguration(timeout: 7.5))
        _ = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(recorder.values.first?.timeout, 7.5)
    }

    func testPerCallTimeoutOverridesTheClients() async throws {
        let recorder = Recorder<HTTPRequest>()
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL), transport: recordingTransport(recorder) { balanceSuccess($0) },
            configuration: TarlanClientConfiguration(timeout: 7.5))
        _ = try await client.checkBalance(CheckBalanceRequest(agent: "daw"), options: TarlanCallOptions(timeout: 2))
        _ = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(recorder.values.map(\.timeout), [2, 7.5])
    }

    // MARK: Retry policy (opt-in, idempotent operations only)

    private let immediateRetries = TarlanRetryPolicy(maxAttempts: 3, initialDelay: 0, maxDelay: 0, jitter: 0)

    func testNonIdempotentOperationIsNeverRetriedEvenWithAPolicy() async {
        XCTAssertFalse(TarlanOperations.confirmInvoice.isIdempotent)
        let calls = Recorder<HTTPRequest>()
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL),
            transport: recordingTransport(calls) { _ in throw URLError(.networkConnectionLost) },
            configuration: TarlanClientConfiguration(retryPolicy: immediateRetries))
        let error = await asyncTarlanError { try await client.confirmInvoice(ConfirmInvoiceRequest(agent: "a", externalID: "e")) }
        XCTAssertNotNil(error?.transportFailure)
        XCTAssertEqual(calls.count, 1)
    }

    func testIdempotentOperationIsRetriedOnTransportAndGatewayFailures() async throws {
        XCTAssertTrue(TarlanOperations.checkBalance.isIdempotent)
        // Fails twice (connection lost, then a 503 page), then succeeds on the third attempt.
        let calls = Recorder<HTTPRequest>()
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL),
            transport: recordingTransport(calls) { request in
                switch calls.count {
                case 1: throw URLError(.networkConnectionLost)
                case 2: return response(503, "<html>Service Unavailable</html>")
                default: return balanceSuccess(request)
                }
            },
            configuration: TarlanClientConfiguration(retryPolicy: immediateRetries))
        let result = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(result.balance, 42.5)
        XCTAssertEqual(calls.count, 3)
        // Every attempt carries the same signed request (its deadline shrinks with the call's).
        XCTAssertEqual(Set(calls.values.map { request in var request = request; request.timeout = nil; return request }).count, 1)
        XCTAssertEqual(calls.values.map { $0.timeout ?? 0 }.sorted(by: >), calls.values.map { $0.timeout ?? 0 })
    }

    func testRetriesStopAtMaxAttempts() async {
        let calls = Recorder<HTTPRequest>()
        let client = AGWSClient(
            secret: secret, environment: .custom(customURL),
            transport: recordingTransport(calls) { _ in throw URLError(.timedOut) },
            configuration: TarlanClientConfiguration(retryPolicy: immediateRetries))
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertEqual(error?.transportFailure?.reason, "timed out")
        XCTAssertEqual(calls.count, 3)
    }

    func testAPIDecodingAndOtherHTTPErrorsAreNotRetried() async {
        let answers: [@Sendable (HTTPRequest) -> HTTPResponse] = [
            { _ in response(200, #"{"status":false,"status_code":8015,"message":"account doesn't exist"}"#) },
            { _ in response(500, #"{"status":false,"status_code":500,"message":"internal"}"#) },
            { _ in response(200, #"{"status":true,"result":{"balance":"abc"}}"#) },
            { _ in response(500, "<html>Internal Server Error</html>") },
            { _ in response(404, "not found") },
        ]
        for answer in answers {
            let calls = Recorder<HTTPRequest>()
            let client = AGWSClient(
                secret: secret, environment: .custom(customURL), transport: recordingTransport(calls) { answer($0) },
                configuration: TarlanClientConfiguration(retryPolicy: immediateRetries))
            let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
            XCTAssertNotNil(error)
            XCTAssertEqual(calls.count, 1)
        }
    }

    func testRetryDelaysGrowAndAreCapped() {
        let policy = TarlanRetryPolicy(maxAttempts: 5, initialDelay: 0.5, maxDelay: 3, jitter: 0.5)
        XCTAssertEqual(policy.delay(after: 1, random: 0.5), 0.5)
        XCTAssertEqual(policy.delay(after: 2, random: 0.5), 1)
        XCTAssertEqual(policy.delay(after: 3, random: 0.5), 2)
        XCTAssertEqual(policy.delay(after: 4, random: 0.5), 3, "capped")
        XCTAssertEqual(policy.delay(after: 1, random: 0), 0.25, "jitter down")
        XCTAssertEqual(policy.delay(after: 1, random: 1), 0.75, "jitter up")
        XCTAssertEqual(TarlanRetryPolicy(maxAttempts: 0).maxAttempts, 1)
    }

    // MARK: Only https leaves the machine

    func testPlainHTTPIsRefusedExceptOnLoopback() async throws {
        let calls = Recorder<HTTPRequest>()
        for text in ["http://agwsapi.tarlanpayments.kz", "http://10.0.0.1:8080", "ftp://example.com"] {
            let client = AGWSClient(
                secret: secret, environment: .custom(URL(string: text)!), transport: recordingTransport(calls) { balanceSuccess($0) })
            let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
            guard case .invalidRequest(let operationID, let reason)? = error else {
                XCTFail("\(text): expected .invalidRequest, got \(String(describing: error))")
                continue
            }
            XCTAssertEqual(operationID, "checkBalance")
            XCTAssertTrue(reason.contains("https"), reason)
        }
        XCTAssertEqual(calls.count, 0, "nothing was sent")
        for text in ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1"] {
            let client = AGWSClient(
                secret: secret, environment: .custom(URL(string: text)!), transport: recordingTransport(calls) { balanceSuccess($0) })
            _ = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
        }
        XCTAssertEqual(calls.count, 3)
    }

    // MARK: Cancellation

    /// Signals when the transport has started, then suspends until cancelled.
    private struct SuspendingTransport: HTTPTransport {
        var started: AsyncStream<Void>.Continuation
        var calls: Recorder<HTTPRequest>
        /// What the transport throws once cancelled (URLSession throws `URLError(.cancelled)`).
        var errorOnCancel: (any Error)?

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            calls.append(request)
            started.yield()
            do {
                try await Task.sleep(nanoseconds: 30_000_000_000)
            } catch {
                throw errorOnCancel ?? error
            }
            return response(200, #"{"status":true,"result":{}}"#)
        }
    }

    func testCancellationWhileTheTransportIsSuspendedThrowsCancellationError() async {
        for errorOnCancel in [nil, URLError(.cancelled) as (any Error)?] {
            let (started, continuation) = AsyncStream<Void>.makeStream()
            let calls = Recorder<HTTPRequest>()
            let client = AGWSClient(
                secret: secret, environment: .custom(customURL),
                transport: SuspendingTransport(started: continuation, calls: calls, errorOnCancel: errorOnCancel))
            let clock = ContinuousClock()
            let begin = clock.now
            let task = Task { try await client.confirmInvoice(ConfirmInvoiceRequest(agent: "a", externalID: "e")) }
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            task.cancel()
            do {
                let value = try await task.value
                XCTFail("expected CancellationError, got \(value)")
            } catch is CancellationError {
                // expected
            } catch {
                XCTFail("expected CancellationError, got \(type(of: error)): \(error)")
            }
            XCTAssertLessThan(clock.now - begin, .seconds(5))
            XCTAssertEqual(calls.count, 1)
        }
    }

    // MARK: The core directly

    func testCoreExposesSectionAndBaseURL() async throws {
        let core = TarlanClientCore(
            section: AGWSClient.section, baseURL: customURL, secret: secret,
            transport: InMemoryTransport { balanceSuccess($0) })
        XCTAssertEqual(core.section.name, "agws")
        XCTAssertEqual(core.baseURL, customURL)
        let result = try await core.perform(TarlanOperations.checkBalance, CheckBalanceRequest(agent: "daw"), returning: CheckBalanceResult.self)
        XCTAssertEqual(result.balance, 42.5)
    }

    func testDynamicOperationCallsThroughTheTypedModels() async throws {
        let core = TarlanClientCore(
            section: AGWSClient.section, baseURL: customURL, secret: secret,
            transport: InMemoryTransport { balanceSuccess($0) })
        let dynamic = try XCTUnwrap(TarlanOperations.dynamic.first { $0.descriptor.id == "checkBalance" })
        let answer = try await dynamic.call(core, request: ["agent": "daw"])
        XCTAssertEqual(answer, ["balance": 42.5, "showcase_code": "daw"])

        let error = await asyncTarlanError { try await dynamic.call(core, request: ["agent": 5]) }
        guard case .invalidRequest(let operationID, _) = error else { return XCTFail("expected .invalidRequest, got \(String(describing: error))") }
        XCTAssertEqual(operationID, "checkBalance")
    }
}
