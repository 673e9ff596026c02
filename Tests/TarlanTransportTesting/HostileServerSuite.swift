import Foundation
import TarlanPayments
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Hostile and broken servers, real round trips, deadlines, cancellation and outcomes, through any
/// ``HTTPTransport`` and the generated clients against ``LocalHTTPServer``: every failure is the one
/// documented ``TarlanError`` case, nothing hangs past its timeout, nothing huge is read, the signed
/// request goes nowhere else, and a failure says whether the request may have been sent.
///
/// The cases are written once, here; each transport's test target runs every one of them from an
/// `XCTestCase` (`func testX() async throws { try await suite.testX() }`), with
/// ``tearDown()`` in its own `tearDown`.
public final class HostileServerSuite: @unchecked Sendable {
    static let secret = TarlanSecret("hostile-secret")
    static let roundTripSecret = "round-trip-secret"
    let transport: TransportUnderTest
    let defaultTimeout: TimeInterval = 5
    let defaultMaxResponseSize = 10_000_000
    let replies = SwitchableReply()
    private let lock = NSLock()
    private var servers: [LocalHTTPServer] = []

    public init(_ transport: TransportUnderTest) {
        self.transport = transport
    }

    /// Stops every server the case started.
    public func tearDown() {
        lock.lock()
        let started = servers
        servers = []
        lock.unlock()
        for server in started { server.stop() }
    }

    private func keep(_ server: LocalHTTPServer) -> LocalHTTPServer {
        lock.lock()
        servers.append(server)
        lock.unlock()
        return server
    }

    /// A server that answers with `replies.current`.
    func start(address: String = "127.0.0.1") throws -> LocalHTTPServer {
        keep(try LocalHTTPServer(address: address, maxConnections: 512, handler: replies.handler))
    }

    /// A server that answers with `handler`.
    func start(_ handler: @escaping @Sendable (LocalHTTPServer.Request) -> LocalHTTPServer.Reply) throws -> LocalHTTPServer {
        keep(try LocalHTTPServer(handler: handler))
    }

    func agws(
        _ server: LocalHTTPServer, transport chosen: (any HTTPTransport)? = nil,
        configuration: TarlanClientConfiguration = .init()
    ) -> AGWSClient {
        AGWSClient(
            secret: Self.secret, environment: .custom(URL(string: "http://127.0.0.1:\(server.port)")!),
            transport: chosen ?? transport.make(defaultTimeout, defaultMaxResponseSize), configuration: configuration)
    }

    func acquiring(_ server: LocalHTTPServer) -> AcquiringClient {
        AcquiringClient(
            secret: Self.secret, environment: .custom(URL(string: "http://127.0.0.1:\(server.port)")!),
            transport: transport.make(defaultTimeout, defaultMaxResponseSize))
    }

    func outcomeAGWS(_ server: LocalHTTPServer, timeout: TimeInterval = 5, retryPolicy: TarlanRetryPolicy? = nil) -> AGWSClient {
        agws(server, configuration: TarlanClientConfiguration(timeout: timeout, retryPolicy: retryPolicy))
    }

    func outcomeAcquiring(_ server: LocalHTTPServer) -> AcquiringClient { acquiring(server) }

    let balance = CheckBalanceRequest(agent: "daw")
    let statusQuery = TransactionStatusQuery(merchantID: 1, projectID: 42, projectReferenceID: "sanch92116", type: .payIn)

    /// A snippet that is there and bounded: at most ``BodySnippet/limit`` characters, plus "…" when cut.
    private func assertSnippet(
        _ snippet: String?, startsWith prefix: String, cut: Bool? = nil, file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let snippet else { return XCTFail("no snippet", file: file, line: line) }
        XCTAssertTrue(snippet.hasPrefix(prefix), "snippet \(snippet.debugDescription) should start with \(prefix.debugDescription)", file: file, line: line)
        let text = snippet.hasSuffix("…") ? String(snippet.dropLast()) : snippet
        XCTAssertLessThanOrEqual(text.count, BodySnippet.limit, file: file, line: line)
        XCTAssertFalse(text.contains("…"), file: file, line: line)
        if let cut { XCTAssertEqual(snippet.hasSuffix("…"), cut, "cut", file: file, line: line) }
    }

    // MARK: Not the envelope

    public func testHTMLErrorPageWith502() async throws {
        let server = try start()
        let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
            + String(repeating: "<!-- a padding comment to make the page longer than a snippet -->\r\n", count: 20) + "</body></html>\r\n"
        replies.current = .respond(.html(page, status: 502, reason: "Bad Gateway"))
        let error = await asyncTarlanError { try await self.agws(server).checkBalance(self.balance) }
        let failure = try XCTUnwrap(error?.httpFailure, "expected .http, got \(String(describing: error))")
        XCTAssertEqual(failure.httpStatus, 502)
        XCTAssertEqual(failure.operationID, "checkBalance")
        XCTAssertTrue(failure.reason.hasPrefix("body is not JSON"), failure.reason)
        // Control characters (the page's CR LF) become spaces.
        assertSnippet(failure.bodySnippet, startsWith: "<html>  <head><title>502 Bad Gateway</title>", cut: true)
        XCTAssertEqual(failure.bodySnippet.count, BodySnippet.limit + 1)
        XCTAssertEqual(server.receivedRequests.count, 1, "never retried")
    }

    public func testEmptyBodyWith200() async throws {
        let server = try start()
        replies.current = .respond(.json(""))
        let error = await asyncTarlanError { try await self.agws(server).checkBalance(self.balance) }
        let failure = try XCTUnwrap(error?.httpFailure, "expected .http, got \(String(describing: error))")
        XCTAssertEqual(failure.httpStatus, 200)
        XCTAssertEqual(failure.reason, "empty body")
        XCTAssertEqual(failure.bodySnippet, "")
        XCTAssertTrue(failure.description.hasSuffix("body: (empty)"), failure.description)
    }

    public func testTruncatedJSON() async throws {
        let server = try start()
        let truncated = #"{"status":true,"status_code":0,"message":"Success","result":{"balance":12.5,"showcase_code":"da"#
        replies.current = .respond(.json(truncated))
        let error = await asyncTarlanError { try await self.agws(server).checkBalance(self.balance) }
        let failure = try XCTUnwrap(error?.httpFailure, "expected .http, got \(String(describing: error))")
        XCTAssertEqual(failure.httpStatus, 200)
        XCTAssertTrue(failure.reason.hasPrefix("body is not JSON ("), failure.reason)
        XCTAssertTrue(failure.reason.contains("line 1"), failure.reason)
        assertSnippet(failure.bodySnippet, startsWith: truncated, cut: false)
        XCTAssertEqual(failure.bodySnippet, truncated)
    }

    public func testJSONThatIsNotAnObject() async throws {
        let server = try start()
        let client = agws(server)
        for (body, kind) in [("[1,2,3]", "array"), (#""Success""#, "string"), ("42", "number"), ("null", "null"), ("true", "boolean")] {
            replies.current = .respond(.json(body))
            let error = await asyncTarlanError { try await client.checkBalance(self.balance) }
            let failure = try XCTUnwrap(error?.httpFailure, "\(body): expected .http, got \(String(describing: error))")
            XCTAssertEqual(failure.httpStatus, 200, body)
            XCTAssertEqual(failure.reason, "body is JSON \(kind), not the response envelope", body)
            assertSnippet(failure.bodySnippet, startsWith: body, cut: false)
        }
    }

    // MARK: API errors

    public func testStatusFalseOnHTTP200_400_500IsAnAPIErrorInTheOperationsFormat() async throws {
        let server = try start()
        let agws = agws(server)
        let acquiring = acquiring(server)
        // 1014 is an unexpected error: with 4xx/5xx it is the new unexpected format. 8015 is an expected
        // error, which the new format sends inside result: in a status: false body it is the old format.
        let cases: [(status: Int, unexpected: ErrorFormat)] = [(200, .old), (400, .newUnexpected), (500, .newUnexpected)]
        for (status, unexpectedFormat) in cases {
            replies.current = .respond(.json(
                #"{"status":false,"status_code":8015,"message":"account doesn't exist","result":{}}"#, status: status))
            let error = await asyncTarlanError { try await agws.checkBalance(self.balance) }
            let apiError = try XCTUnwrap(error?.apiError, "HTTP \(status): expected .api, got \(String(describing: error))")
            XCTAssertEqual(apiError.code, 8015)
            XCTAssertEqual(apiError.agwsCode, .accountDoesNotExist)
            XCTAssertEqual(apiError.message, "account doesn't exist")
            XCTAssertEqual(apiError.httpStatus, status)
            XCTAssertEqual(apiError.format, .old, "HTTP \(status)")
            XCTAssertEqual(apiError.operationID, "checkBalance")

            replies.current = .respond(.json(
                #"{"status":false,"status_code":1014,"message":"Invalid signature","result":{}}"#, status: status))
            let unexpected = await asyncTarlanError { try await agws.checkBalance(self.balance) }
            XCTAssertEqual(unexpected?.apiError?.format, unexpectedFormat, "HTTP \(status)")
            XCTAssertEqual(unexpected?.apiError?.agwsCode, .invalidSignature)

            replies.current = .respond(.json(
                #"{"status":false,"status_code":5103,"message":"transaction not found","result":{}}"#, status: status))
            let acquiringError = await asyncTarlanError { try await acquiring.getTransactionStatus(self.statusQuery) }
            let acquiringAPIError = try XCTUnwrap(acquiringError?.apiError, "HTTP \(status): got \(String(describing: acquiringError))")
            XCTAssertEqual(acquiringAPIError.code, 5103)
            XCTAssertEqual(acquiringAPIError.message, "transaction not found")
            XCTAssertEqual(acquiringAPIError.httpStatus, status)
            XCTAssertEqual(acquiringAPIError.format, .acquiring, "HTTP \(status)")
        }
        XCTAssertEqual(server.receivedRequests.count, 9)
    }

    public func testNewFormatExpectedErrorOn200() async throws {
        let server = try start()
        replies.current = .respond(.json(
            #"{"message":"Success","result":{"additional_data":{},"data":{},"error_code":8015,"message":"account doesn't exist"},"status":true,"status_code":0}"#))
        let error = await asyncTarlanError { try await self.agws(server).checkBalance(self.balance) }
        let apiError = try XCTUnwrap(error?.apiError, "expected .api, got \(String(describing: error))")
        XCTAssertEqual(apiError.code, 8015)
        XCTAssertEqual(apiError.message, "account doesn't exist")
        XCTAssertEqual(apiError.format, .newExpected)
        XCTAssertEqual(apiError.httpStatus, 200)
        XCTAssertEqual(apiError.details?["error_code"], 8015)

        // error_code 0 is success in the new format.
        replies.current = .respond(.json(#"{"status":true,"result":{"balance":3,"showcase_code":"daw","error_code":0}}"#))
        let result = try await agws(server).checkBalance(balance)
        XCTAssertEqual(result, CheckBalanceResult(balance: 3, showcaseCode: "daw"))
    }

    // MARK: Values that do not fit

    /// The getTransactionStatus success example: every kind of value in one result.
    private static let seed: JSONValue = [
        "message": "Success", "status": true,
        "result": [
            "additional_data": ["abc": "111"], "amount": 10, "bank_code": "0", "bank_message": "", "bank_reference_id": "100885",
            "card_token": "sdfasdf23", "created_at": "2023-10-04T10:05:02.93843Z", "description": "test", "id": 99999,
            "masked_pan": "0000-00XXXXXX-0000", "refunds": [["amount": 5, "date": "2023-10-05"]],
            "transaction_status": ["code": "success", "name": "Транзакция прошла успешно"],
            "transaction_type": ["code": "out", "name": "Вывод"], "user_email": "test@inbox.ru", "user_phone": "87757715130",
        ],
    ]

    /// Every position of `value` below `path` (JSON pointer tokens), containers included.
    private static func positions(_ value: JSONValue, _ path: [String] = []) -> [([String], JSONValue)] {
        var found: [([String], JSONValue)] = path.isEmpty ? [] : [(path, value)]
        switch value {
        case .object(let members):
            for key in members.keys.sorted() { found += positions(members[key]!, path + [key]) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { found += positions(element, path + [String(index)]) }
        default: break
        }
        return found
    }

    private static func replacing(_ value: JSONValue, at path: ArraySlice<String>, with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        switch value {
        case .object(var members):
            members[first] = replacing(members[first] ?? .null, at: path.dropFirst(), with: replacement)
            return .object(members)
        case .array(var elements):
            let index = Int(first)!
            elements[index] = replacing(elements[index], at: path.dropFirst(), with: replacement)
            return .array(elements)
        default:
            return value
        }
    }

    /// `result.refunds[0].amount` for ["refunds", "0", "amount"].
    private static func decodingPath(_ path: [String]) -> String {
        path.reduce("result") { text, token in Int(token) != nil ? text + "[\(token)]" : text + "." + token }
    }

    public func testWrongTypesInEveryPositionOfASeedResultAreDecodingFailuresWithTheFieldPath() async throws {
        let server = try start()
        let client = acquiring(server)
        // The seed itself decodes.
        replies.current = .respond(.json(CanonicalJSON.string(Self.seed)))
        let decoded = try await client.getTransactionStatus(statusQuery)
        XCTAssertEqual(decoded.refunds?.first?.amount, 5)

        let result = try XCTUnwrap(Self.seed["result"])
        var checked = 0
        for (path, original) in Self.positions(result) where path.first != "additional_data" {
            // A value of each JSON type the position does not hold: string for number, number for
            // string, object for array, array for object, bool for string…
            let wrong: [JSONValue] = ["a string", 7, true, ["an": "object"], ["an array"]].filter { $0.jsonTypeName != original.jsonTypeName }
            for replacement in wrong {
                let body = Self.replacing(Self.seed, at: ["result"] + path, with: replacement)
                replies.current = .respond(.json(CanonicalJSON.string(body)))
                let label = "\(path.joined(separator: "/")) = \(CanonicalJSON.string(replacement))"
                let error = await asyncTarlanError { try await client.getTransactionStatus(self.statusQuery) }
                let failure = try XCTUnwrap(error?.decodingFailure, "\(label): expected .decoding, got \(String(describing: error))")
                XCTAssertEqual(failure.path, Self.decodingPath(path), label)
                XCTAssertEqual(failure.httpStatus, 200, label)
                XCTAssertEqual(failure.operationID, "getTransactionStatus", label)
                XCTAssertFalse(failure.reason.isEmpty, label)
                assertSnippet(failure.bodySnippet, startsWith: "{", cut: true)
                checked += 1
            }
        }
        // 14 members (additional_data takes anything), 2 × 2 in the nested objects, the refund and its
        // 2 members: 21 positions, 4 wrong kinds each.
        XCTAssertEqual(checked, 84)
        XCTAssertEqual(server.receivedRequests.count, checked + 1)
    }

    public func testNullInEveryPositionOfTheSeedIsAbsence() async throws {
        // No result model of the schema has a required field, so null is accepted everywhere as nil.
        let server = try start()
        let client = acquiring(server)
        let result = try XCTUnwrap(Self.seed["result"])
        for (path, _) in Self.positions(result) where path.count == 1 {
            replies.current = .respond(.json(CanonicalJSON.string(Self.replacing(Self.seed, at: ["result"] + path, with: .null))))
            let decoded = try await client.getTransactionStatus(statusQuery)
            let encoded = try decoded.json()
            XCTAssertEqual(encoded[path[0]] ?? .null, .null, path[0])
        }
    }

    public func testUnknownEnumValuesAndExtraFieldsDecode() async throws {
        let server = try start()
        var body = Self.replacing(Self.seed, at: ["result", "transaction_status", "code"], with: "quantum_entangled")
        body = Self.replacing(body, at: ["result", "transaction_type", "code"], with: "sideways")
        body = Self.replacing(body, at: ["result", "brand_new_field"], with: ["nested": [1, 2, ["deep": true]]])
        body = Self.replacing(body, at: ["result", "transaction_status", "extra"], with: 1)
        body = Self.replacing(body, at: ["envelope_extra"], with: "ignored")
        replies.current = .respond(.json(CanonicalJSON.string(body)))
        let result = try await acquiring(server).getTransactionStatus(statusQuery)
        XCTAssertEqual(result.transactionStatus?.code, .unknown("quantum_entangled"))
        XCTAssertEqual(result.transactionStatus?.code?.rawValue, "quantum_entangled")
        XCTAssertEqual(result.transactionType?.code, .unknown("sideways"))
        XCTAssertEqual(result.id, 99999)
        XCTAssertEqual(result.amount, 10)
        XCTAssertEqual(result.refunds?.count, 1)
    }

    // MARK: Size, time, connection

    public func testAnnouncedHugeBodyIsRefusedWithoutReadingIt() async throws {
        let server = try start()
        let fiftyMB = 50 * 1024 * 1024
        replies.current = .stream(LocalHTTPServer.Stream(totalBytes: fiftyMB, announcesLength: true))
        let client = agws(server, transport: transport.make(10, 64 * 1024))
        let clock = ContinuousClock()
        let begin = clock.now
        let error = await asyncTarlanError { try await client.checkBalance(self.balance) }
        XCTAssertLessThan(clock.now - begin, .seconds(3))
        let failure = try XCTUnwrap(error?.httpFailure, "expected .http, got \(String(describing: error))")
        XCTAssertEqual(failure.httpStatus, 200)
        XCTAssertEqual(failure.reason, "the response is larger than 65536 bytes and was not read")
        XCTAssertEqual(failure.bodySnippet, "", "nothing of the body is kept")
        let finished = await server.wait { !$0.streamReports.isEmpty }
        XCTAssertTrue(finished, "the server's stream never ended")
        let report = try XCTUnwrap(server.streamReports.first)
        XCTAssertTrue(report.clientClosedEarly, "the client read everything: \(report)")
        XCTAssertLessThan(report.bytesWritten, 8 * 1024 * 1024, "\(report)")
        XCTAssertLessThan(report.elapsed, 3, "\(report)")
    }

    public func testStreamedHugeBodyIsAbandonedOnceOverTheLimit() async throws {
        let server = try start()
        let fiftyMB = 50 * 1024 * 1024
        // No Content-Length: the body ends when the connection closes, so only counting can stop it.
        replies.current = .stream(LocalHTTPServer.Stream(totalBytes: fiftyMB, announcesLength: false))
        let client = agws(server, transport: transport.make(10, 64 * 1024))
        let error = await asyncTarlanError { try await client.checkBalance(self.balance) }
        let failure = try XCTUnwrap(error?.httpFailure, "expected .http, got \(String(describing: error))")
        XCTAssertEqual(failure.httpStatus, 200)
        XCTAssertEqual(failure.reason, "the response is larger than 65536 bytes and was not read")
        let finished = await server.wait { !$0.streamReports.isEmpty }
        XCTAssertTrue(finished, "the server's stream never ended")
        let report = try XCTUnwrap(server.streamReports.first)
        XCTAssertTrue(report.clientClosedEarly, "the client read everything: \(report)")
        XCTAssertLessThan(report.bytesWritten, 8 * 1024 * 1024, "\(report)")
    }

    private func assertTimesOut<T>(
        _ call: () async throws -> T, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let clock = ContinuousClock()
        let begin = clock.now
        let error = await asyncTarlanError(file: file, line: line, call)
        let elapsed = clock.now - begin
        let failure = try XCTUnwrap(error?.transportFailure, "expected .transport, got \(String(describing: error))", file: file, line: line)
        XCTAssertEqual(failure.reason, "timed out", file: file, line: line)
        if transport.reportsURLErrorCodes {
            XCTAssertEqual(failure.urlErrorCode, URLError.Code.timedOut.rawValue, file: file, line: line)
        }
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(900), file: file, line: line)
        XCTAssertLessThan(elapsed, .seconds(4), file: file, line: line)
    }

    public func testServerThatNeverAnswersTimesOutWithTheClientsTimeout() async throws {
        let server = try start()
        replies.current = .hang
        let client = agws(
            server, transport: transport.make(30, defaultMaxResponseSize), configuration: TarlanClientConfiguration(timeout: 1))
        try await assertTimesOut { try await client.checkBalance(self.balance) }
        XCTAssertEqual(server.receivedRequests.count, 1, "the request arrived and was not retried")
    }

    public func testServerThatNeverAnswersTimesOutWithTheCallsTimeout() async throws {
        let server = try start()
        replies.current = .hang
        // The call's 1 s wins over the client's 30 s and the transport's 30 s.
        let client = agws(
            server, transport: transport.make(30, defaultMaxResponseSize), configuration: TarlanClientConfiguration(timeout: 30))
        try await assertTimesOut { try await client.checkBalance(self.balance, options: TarlanCallOptions(timeout: 1)) }
        XCTAssertEqual(server.receivedRequests.count, 1)
    }

    public func testConnectionResetMidBodyIsATransportFailure() async throws {
        let server = try start()
        let head = LocalHTTPServer.Response.json(#"{"status":true,"res"#)
        replies.current = .truncate(head, declaredLength: 1000, reset: true)
        let error = await asyncTarlanError { try await self.agws(server).checkBalance(self.balance) }
        let failure = try XCTUnwrap(error?.transportFailure, "expected .transport, got \(String(describing: error))")
        XCTAssertEqual(failure.operationID, "checkBalance")
        XCTAssertTrue(failure.requestMayHaveBeenSent)
        if transport.reportsURLErrorCodes { XCTAssertNotNil(failure.urlErrorCode) }
    }

    public func testBodyShorterThanItsContentLengthIsATransportFailure() async throws {
        let server = try start()
        // 10 bytes of 1000, then an orderly close.
        replies.current = .truncate(.json(#"{"status":"#), declaredLength: 1000, reset: false)
        let error = await asyncTarlanError { try await self.agws(server).checkBalance(self.balance) }
        XCTAssertNotNil(error?.transportFailure, "expected .transport, got \(String(describing: error))")

        // Worse: the bytes that did arrive are a complete, valid success envelope. It must not be taken as the answer.
        let complete = #"{"status":true,"result":{"balance":1000000,"showcase_code":"daw"}}"#
        replies.current = .truncate(.json(complete), declaredLength: complete.utf8.count + 500, reset: false)
        let cut = await asyncTarlanError { try await self.agws(server).checkBalance(self.balance) }
        let failure = try XCTUnwrap(cut?.transportFailure, "expected .transport, got \(String(describing: cut))")
        XCTAssertEqual(failure.operationID, "checkBalance")
    }

    // MARK: Where the signed request goes

    public func testRedirectToAnotherHostIsNotFollowed() async throws {
        // The other host: 127.0.0.2 where the system routes it (Linux), else another port of 127.0.0.1.
        let elsewhere: LocalHTTPServer
        do {
            elsewhere = try LocalHTTPServer(address: "127.0.0.2") { _ in .respond(.json(#"{"status":true,"result":{"balance":1}}"#)) }
        } catch {
            elsewhere = try LocalHTTPServer { _ in .respond(.json(#"{"status":true,"result":{"balance":1}}"#)) }
        }
        servers.append(elsewhere)
        let server = try start()
        let location = elsewhere.baseURL.absoluteString + "/showcase-gateway/api/v1/showcase/balance"
        replies.current = .respond(.redirect(to: location))

        // Control: a plain URLSession follows the redirect, so the other server can see a request.
        var control = URLRequest(url: server.baseURL.appendingPathComponent("control"))
        control.timeoutInterval = 5
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (_, controlResponse) = try await session.data(for: control)
        XCTAssertEqual((controlResponse as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertEqual(elsewhere.receivedRequests.count, 1, "the control request should have been redirected")

        let error = await asyncTarlanError { try await self.agws(server).checkBalance(self.balance) }
        let failure = try XCTUnwrap(error?.httpFailure, "expected .http, got \(String(describing: error))")
        XCTAssertEqual(failure.httpStatus, 302)
        XCTAssertEqual(failure.reason, "redirect to \(location) not followed: the signed request goes only to the configured host")
        assertSnippet(failure.bodySnippet, startsWith: "<html>", cut: false)
        // The signed request reached the configured server once and nowhere else.
        XCTAssertEqual(server.receivedRequests.map(\.path), ["/control", "/showcase-gateway/api/v1/showcase/balance"])
        XCTAssertNotNil(server.receivedRequests.last?.header("X-Signature"))
        XCTAssertEqual(elsewhere.receivedRequests.map(\.path), ["/showcase-gateway/api/v1/showcase/balance"], "only the control request")
        XCTAssertNil(elsewhere.receivedRequests.last?.header("X-Signature"))
    }

    /// Counts what would have gone out.
    private struct CountingTransport: HTTPTransport {
        let inner: any HTTPTransport
        let sent = Recorder<HTTPRequest>()

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            sent.append(request)
            return try await inner.send(request)
        }
    }

    public func testPlainHTTPToANonLoopbackHostIsRefusedWithoutNetwork() async throws {
        let counting = CountingTransport(inner: transport.make(1, defaultMaxResponseSize))
        for base in ["http://example.com", "http://127.0.0.1.nip.io:8080", "http://127.example.com", "http://localhost.example.com", "http://10.0.0.1"] {
            let client = AGWSClient(secret: Self.secret, environment: .custom(URL(string: base)!), transport: counting)
            let error = await asyncTarlanError { try await client.checkBalance(self.balance) }
            guard case .invalidRequest(let operationID, let reason)? = error else {
                XCTFail("\(base): expected .invalidRequest, got \(String(describing: error))")
                continue
            }
            XCTAssertEqual(operationID, "checkBalance", base)
            XCTAssertTrue(reason.contains("https"), "\(base): \(reason)")
        }
        XCTAssertEqual(counting.sent.count, 0, "nothing was sent: \(counting.sent.values.map(\.url))")

        // Loopback literals stay allowed over plain http (for local servers like the ones above).
        for base in ["http://127.0.0.1:9", "http://127.1.2.3", "http://localhost:8080", "http://[::1]:9"] {
            XCTAssertNoThrow(
                try RequestBuilder.prepare(TarlanOperations.checkBalance, balance, baseURL: URL(string: base)!, secret: Self.secret), base)
        }
    }
}
