import Foundation
import TarlanPayments
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Real round trips: what goes out is signed and exact, what comes back reaches the caller.
extension HostileServerSuite {
    /// The server's own check of a signed POST, as Tarlan does it: re-parse, drop exclusions, re-sign.
    private static func verifiedPOST(_ request: LocalHTTPServer.Request, rules: SigningRules) -> Bool {
        guard request.method == "POST", let body = try? JSONParser.parse(request.body),
            let header = request.header(rules.headerName)
        else { return false }
        return Signer.verify(headerValue: header, body: body, secret: TarlanSecret(roundTripSecret), rules: rules)
    }

    public func testConfirmInvoicePOSTRoundTrip() async throws {
        let server = try start { request in
            guard Self.verifiedPOST(request, rules: AGWSClient.section.signing) else {
                return .respond(.json(#"{"status":false,"status_code":1014,"message":"Invalid signature","result":{}}"#, status: 400))
            }
            return .respond(.json(
                #"{"status":true,"status_code":0,"message":"Success","result":{"external_id":"200001","is_success":true,"message":"","otp_status":true,"transaction_status_id":"2"}}"#
            ))
        }
        let client = AGWSClient(
            secret: TarlanSecret(Self.roundTripSecret), environment: .custom(URL(string: "http://127.0.0.1:\(server.port)")!),
            transport: transport.make(defaultTimeout, defaultMaxResponseSize))
        let result = try await client.confirmInvoice(
            ConfirmInvoiceRequest(agent: "test_agent", externalID: "externa312", confirmCode: "104000"))
        XCTAssertEqual(
            result,
            ConfirmInvoiceResult(externalID: "200001", isSuccess: true, message: "", otpStatus: true, transactionStatusID: .succeeded))

        let received = server.receivedRequests
        XCTAssertEqual(received.count, 1)
        let request = try XCTUnwrap(received.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.target, "/showcase-gateway/api/v1/action/confirm/invoice")
        XCTAssertEqual(request.header("Content-Type"), "application/json")
        XCTAssertEqual(request.header("Accept"), "application/json")
        // The exact canonical bytes were sent…
        let canonical = #"{"agent":"test_agent","confirm_code":"104000","external_id":"externa312"}"#
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), canonical)
        XCTAssertEqual(Array(request.body), CanonicalJSON.encode(parseJSON(request.body)))
        // …and signed.
        XCTAssertEqual(
            request.header("X-Signature"),
            Signer.signature(for: parseJSON(request.body), secret: TarlanSecret(Self.roundTripSecret), rules: AGWSClient.section.signing))
        XCTAssertNil(request.header("Authorization"))
    }

    public func testWrongSecretIsRejectedByTheServer() async throws {
        let server = try start { request in
            Self.verifiedPOST(request, rules: AGWSClient.section.signing)
                ? .respond(.json(#"{"status":true,"result":{"balance":1}}"#))
                : .respond(.json(#"{"status":false,"status_code":1014,"message":"Invalid signature","result":{}}"#, status: 400))
        }
        let client = AGWSClient(secret: TarlanSecret("wrong"), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, defaultMaxResponseSize))
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertEqual(error?.apiError?.code, 1014)
        XCTAssertEqual(error?.apiError?.httpStatus, 400)
        XCTAssertEqual(error?.apiError?.format, .newUnexpected)
    }

    public func testGetTransactionStatusRoundTrip() async throws {
        let operation = TarlanOperations.getTransactionStatus
        let server = try start { request in
            // Read the query back into the typed object that was signed, as the server does.
            guard request.method == "GET", let url = URL(string: "http://127.0.0.1" + request.target),
                let header = request.header("Authorization"),
                Signer.verify(
                    headerValue: header, body: QueryTyping.object(from: url, fields: operation.requestFields),
                    secret: TarlanSecret(Self.roundTripSecret), rules: operation.section.signing)
            else {
                return .respond(.json(#"{"status":false,"status_code":1021,"message":"request validation error","result":{}}"#, status: 400))
            }
            return .respond(.json(
                #"{"status":true,"message":"Success","result":{"id":99999,"amount":10,"project_reference_id":"x","transaction_status":{"code":"success","name":"ok"},"transaction_type":{"code":"in","name":"Ввод"}}}"#
            ))
        }
        let client = AcquiringClient(secret: TarlanSecret(Self.roundTripSecret), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, defaultMaxResponseSize))
        let result = try await client.getTransactionStatus(
            TransactionStatusQuery(merchantID: 1, projectID: 42, projectReferenceID: "order 7&8/ä", type: .payIn))
        XCTAssertEqual(result.id, 99999)
        XCTAssertEqual(result.transactionStatus?.code, .success)
        XCTAssertEqual(result.transactionType?.name, "Ввод")

        let request = try XCTUnwrap(server.receivedRequests.first)
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.path, "/transaction/api/v1/system/transaction/status")
        XCTAssertEqual(request.query, "merchant_id=1&project_id=42&project_reference_id=order%207%268%2F%C3%A4&type=in")
        XCTAssertTrue(request.body.isEmpty)
        let typed: JSONValue = ["merchant_id": 1, "project_id": 42, "project_reference_id": "order 7&8/ä", "type": "in"]
        XCTAssertEqual(
            request.header("Authorization"),
            "Bearer " + Signer.signature(for: typed, secret: TarlanSecret(Self.roundTripSecret), rules: operation.section.signing))
        XCTAssertNil(request.header("X-Signature"))
    }

    public func testHTMLBadGatewayFromARealServer() async throws {
        let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center>nginx</center></body>\r\n</html>\r\n"
        let server = try start { _ in .respond(.html(page, status: 502, reason: "Bad Gateway")) }
        let client = AGWSClient(secret: TarlanSecret("s"), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, defaultMaxResponseSize))
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        let failure = try XCTUnwrap(error?.httpFailure, "expected .http, got \(String(describing: error))")
        XCTAssertEqual(failure.httpStatus, 502)
        XCTAssertEqual(failure.operationID, "checkBalance")
        XCTAssertTrue(failure.bodySnippet.contains("502 Bad Gateway"), failure.bodySnippet)
        XCTAssertEqual(server.receivedRequests.count, 1, "never retried")
    }

    public func testResponseHeadersReachTheTransportCaller() async throws {
        let server = try start { _ in
            .respond(LocalHTTPServer.Response(
                status: 200, reason: "OK", headers: [("Content-Type", "application/json"), ("X-Request-Id", "abc-123")],
                body: Data(#"{"ok":true}"#.utf8)))
        }
        let response = try await transport.make(defaultTimeout, defaultMaxResponseSize).send(HTTPRequest(
            method: .post, url: server.baseURL.appendingPathComponent("echo"), headers: ["X-Custom": "1"], body: Data("{}".utf8)))
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(response.headers["x-request-id"], "abc-123")
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), #"{"ok":true}"#)
        XCTAssertEqual(server.receivedRequests.first?.header("x-custom"), "1")
    }

    public func testRedirectIsNotFollowed() async throws {
        let server = try start { request in
            if request.path == "/elsewhere" {
                return .respond(.json(#"{"status":true,"result":{"balance":1}}"#))
            }
            return .respond(LocalHTTPServer.Response(
                status: 307, reason: "Temporary Redirect", headers: [("Location", "/elsewhere")], body: Data()))
        }
        let client = AGWSClient(secret: TarlanSecret("s"), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, defaultMaxResponseSize))
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertEqual(error?.httpFailure?.httpStatus, 307, "got \(String(describing: error))")
        XCTAssertEqual(server.receivedRequests.map(\.path), ["/showcase-gateway/api/v1/showcase/balance"], "the signed request went nowhere else")
    }

    private struct StreamHeader: TarlanMiddleware {
        func intercept(
            _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            var request = request
            request.headers["X-Stream"] = "1"
            return try await next(request)
        }
    }

    public func testOversizedResponseIsAbandoned() async throws {
        let big = #"{"status":true,"result":{"showcase_code":""# + String(repeating: "x", count: 5000) + #""}}"#
        let server = try start { request in
            // Announced (Content-Length) for the first request, streamed until close for the others.
            var answer = LocalHTTPServer.Response.json(big)
            answer.omitsContentLength = request.header("X-Stream") != nil
            return .respond(answer)
        }
        let client = AGWSClient(
            secret: TarlanSecret("s"), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, 1000))
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        let failure = try XCTUnwrap(error?.httpFailure, "expected .http, got \(String(describing: error))")
        XCTAssertTrue(failure.reason.contains("larger than 1000 bytes"), failure.reason)
        XCTAssertEqual(failure.bodySnippet, "")

        // Without a Content-Length the limit is enforced while the body streams in.
        let streaming = AGWSClient(
            secret: TarlanSecret("s"), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, 1000),
            configuration: TarlanClientConfiguration(middlewares: [StreamHeader()]))
        let streamingError = await asyncTarlanError { try await streaming.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertTrue(streamingError?.httpFailure?.reason.contains("larger than 1000 bytes") ?? false, "got \(String(describing: streamingError))")
        XCTAssertEqual(server.receivedRequests.last?.header("X-Stream"), "1")

        // The same answer within the limit is read.
        let roomy = AGWSClient(secret: TarlanSecret("s"), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, 10_000))
        let result = try await roomy.checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(result.showcaseCode?.count, 5000)
    }

    public func testServerThatNeverAnswersTimesOut() async throws {
        let server = try start { _ in .hang }
        let client = AGWSClient(
            secret: TarlanSecret("s"), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, defaultMaxResponseSize),
            configuration: TarlanClientConfiguration(timeout: 1))
        let clock = ContinuousClock()
        let begin = clock.now
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        let elapsed = clock.now - begin
        let failure = try XCTUnwrap(error?.transportFailure, "expected .transport, got \(String(describing: error))")
        if transport.reportsURLErrorCodes { XCTAssertEqual(failure.urlErrorCode, URLError.Code.timedOut.rawValue) }
        XCTAssertEqual(failure.reason, "timed out")
        XCTAssertEqual(failure.operationID, "checkBalance")
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(900))
        XCTAssertLessThan(elapsed, .seconds(5))
        XCTAssertEqual(server.receivedRequests.count, 1, "the request arrived, and was not retried")
    }

    public func testConnectionRefusedIsATransportError() async throws {
        // Start and stop a server to get a port nobody listens on.
        let server = try LocalHTTPServer { _ in .hang }
        let url = server.baseURL
        server.stop()
        let client = AGWSClient(
            secret: TarlanSecret("s"), environment: .custom(url), transport: transport.make(defaultTimeout, defaultMaxResponseSize),
            configuration: TarlanClientConfiguration(timeout: 2))
        let error = await asyncTarlanError { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        XCTAssertNotNil(error?.transportFailure, "expected .transport, got \(String(describing: error))")
        XCTAssertEqual(error?.transportFailure?.requestMayHaveBeenSent, false)
        if transport.reportsURLErrorCodes { XCTAssertNotNil(error?.transportFailure?.urlErrorCode) }
    }

    public func testCancellingARealRequestThrowsCancellationError() async throws {
        let server = try start { _ in .hang }
        let client = AGWSClient(secret: TarlanSecret("s"), environment: .custom(server.baseURL), transport: transport.make(defaultTimeout, defaultMaxResponseSize))
        let task = Task { try await client.checkBalance(CheckBalanceRequest(agent: "daw")) }
        // Wait until the server has the request, so the transport is suspended in URLSession.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(3)
        while server.receivedRequests.isEmpty, clock.now < deadline {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        XCTAssertEqual(server.receivedRequests.count, 1)
        let begin = clock.now
        task.cancel()
        do {
            let value = try await task.value
            XCTFail("expected CancellationError, got \(value)")
        } catch is CancellationError {
            // expected
        } catch {
            XCTFail("expected CancellationError, got \(type(of: error)): \(error)")
        }
        XCTAssertLessThan(clock.now - begin, .seconds(3))
    }
}
