import Foundation
import TarlanTestSupport
import TarlanTransportTesting
import XCTest

/// `tarlan call` against a local server that answers, fails or hangs: the documented exit status
/// (0 success, 1 API error, 2 transport/HTTP/decoding failure, 64 usage), the message on stderr,
/// and never the secret in any output.
final class CallCommandTests: XCTestCase {
    private static let secret = "cli-s3cr3t-NEVER-PRINTED"
    private var server: LocalHTTPServer?
    private let replies = SwitchableReply()

    override func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private func start() throws -> LocalHTTPServer {
        let server = try LocalHTTPServer(handler: replies.handler)
        self.server = server
        return server
    }

    /// `tarlan call checkBalance --json '{"agent":"daw"}' --base-url http://127.0.0.1:PORT [extra…]`.
    private func callCheckBalance(
        _ server: LocalHTTPServer, extra: [String] = [], secret: String? = secret, file: StaticString = #filePath, line: UInt = #line
    ) throws -> CommandRunner.Result {
        let result = try CommandRunner.run(
            "tarlan", ["call", "checkBalance", "--json", #"{"agent":"daw"}"#, "--base-url", "http://127.0.0.1:\(server.port)"] + extra,
            environment: secret.map { ["TARLAN_SECRET": $0] } ?? [:])
        assertNoSecret(result, file: file, line: line)
        return result
    }

    private func assertNoSecret(_ result: CommandRunner.Result, file: StaticString = #filePath, line: UInt = #line) {
        for (name, text) in [("stdout", result.standardOutput), ("stderr", result.standardError)] {
            XCTAssertFalse(text.contains(Self.secret), "the secret leaked on \(name): \(text)", file: file, line: line)
            XCTAssertFalse(text.contains(String(Self.secret.prefix(8))), "part of the secret leaked on \(name): \(text)", file: file, line: line)
        }
    }

    func testSuccessPrintsPrettyJSONAndExits0() throws {
        let server = try start()
        replies.current = .respond(.json(#"{"message":"Success","result":{"balance":1250.5,"showcase_code":"daw"},"status":true,"status_code":0}"#))
        let result = try callCheckBalance(server)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "{\n  \"balance\": 1250.5,\n  \"showcase_code\": \"daw\"\n}\n")
        XCTAssertEqual(result.standardError, "")

        let request = try XCTUnwrap(server.receivedRequests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/showcase-gateway/api/v1/showcase/balance")
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), #"{"agent":"daw"}"#)
        let signature = try XCTUnwrap(request.header("X-Signature"))
        XCTAssertEqual(signature.count, 64)
        XCTAssertFalse(signature.contains(Self.secret))
    }

    func testAmountsPrintExactly() throws {
        let server = try start()
        replies.current = .respond(.json(#"{"status":true,"result":{"balance":1234567.891234567,"showcase_code":"daw"}}"#))
        let result = try callCheckBalance(server)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains(#""balance": 1234567.891234567"#), result.standardOutput)
    }

    func testAMoneyMovingCallWhoseOutcomeIsUnknownExits3() throws {
        let server = try start()
        replies.current = .reset
        let payment = #"{"username":"989898","amount":100.5,"agent":"tarlan","project":"mobile","service_code":"201106","external_id":"ext-9","datetime":"2022-12-01T15:45:00Z"}"#
        let result = try CommandRunner.run(
            "tarlan", ["call", "makePayment", "--json", payment, "--base-url", "http://127.0.0.1:\(server.port)"],
            environment: ["TARLAN_SECRET": Self.secret])
        assertNoSecret(result)
        XCTAssertEqual(result.status, 3, result.standardError)
        XCTAssertTrue(result.standardError.contains("outcome unknown"), result.standardError)
        XCTAssertTrue(result.standardError.contains("reconcileMakePayment"), result.standardError)
        XCTAssertEqual(server.receivedRequests.count, 1)
        XCTAssertEqual(String(decoding: try XCTUnwrap(server.receivedRequests.first?.body), as: UTF8.self).contains(#""amount":100.5"#), true)

        // The same failure of an idempotent call is an ordinary transport failure.
        let balance = try callCheckBalance(server)
        XCTAssertEqual(balance.status, 2, balance.standardError)
    }

    func testSignatureOnTheWireMatchesTheDocumentedOne() throws {
        // The documentation's secret "12345" and its signature of {"agent":"daw"} (as `tarlan demo` shows).
        let server = try start()
        replies.current = .respond(.json(#"{"status":true,"result":{"balance":0,"showcase_code":"daw"}}"#))
        let result = try callCheckBalance(server, secret: "12345")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(
            server.receivedRequests.first?.header("X-Signature"), "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee")
    }

    func testStatusFalseIsAnAPIErrorWithExit1() throws {
        let server = try start()
        replies.current = .respond(.json(#"{"message":"account doesn't exist","result":{},"status":false,"status_code":8015}"#))
        let result = try callCheckBalance(server)
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertEqual(result.standardError, "tarlan call: API error 8015: account doesn't exist (old format, HTTP 200)\n")

        replies.current = .respond(.json(#"{"message":"Invalid signature","result":{},"status":false,"status_code":1014}"#, status: 400))
        let unexpected = try callCheckBalance(server)
        XCTAssertEqual(unexpected.status, 1)
        XCTAssertEqual(unexpected.standardError, "tarlan call: API error 1014: Invalid signature (newUnexpected format, HTTP 400)\n")
    }

    func testHTMLBadGatewayExits2WithTheStatusAndASnippet() throws {
        let server = try start()
        let page = "<html><head><title>502 Bad Gateway</title></head><body>" + String(repeating: "nginx ", count: 100) + "</body></html>"
        replies.current = .respond(.html(page, status: 502, reason: "Bad Gateway"))
        let result = try callCheckBalance(server)
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertEqual(result.standardOutput, "")
        let message = result.standardError
        XCTAssertTrue(message.hasPrefix("tarlan call: checkBalance: HTTP 502: body is not JSON"), message)
        XCTAssertTrue(message.contains("body: <html><head><title>502 Bad Gateway</title>"), message)
        // The snippet is bounded: the 700-character page is cut.
        let snippet = try XCTUnwrap(message.components(separatedBy: "body: ").last)
        XCTAssertTrue(snippet.hasSuffix("…\n"), snippet)
        XCTAssertLessThanOrEqual(snippet.count, 200 + 2)
        XCTAssertEqual(message.split(separator: "\n").count, 1)
    }

    func testTruncatedJSONExits2() throws {
        let server = try start()
        replies.current = .respond(.json(#"{"status":true,"result":{"balance":1"#))
        let result = try callCheckBalance(server)
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(result.standardError.contains("HTTP 200: body is not JSON"), result.standardError)

        // A body cut short of its Content-Length is a transport failure, also 2.
        replies.current = .truncate(.json(#"{"status":true,"result":{"balance":1}}"#), declaredLength: 500, reset: false)
        let cut = try callCheckBalance(server)
        XCTAssertEqual(cut.status, 2, cut.standardError)
        XCTAssertTrue(cut.standardError.contains("transport failure"), cut.standardError)
        XCTAssertEqual(cut.standardOutput, "")
    }

    func testServerThatNeverAnswersTimesOutWithExit2() throws {
        let server = try start()
        replies.current = .hang
        let begin = Date()
        let result = try callCheckBalance(server, extra: ["--timeout", "1"])
        let elapsed = Date().timeIntervalSince(begin)
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertEqual(result.standardError, "tarlan call: checkBalance: transport failure: timed out\n")
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertGreaterThanOrEqual(elapsed, 0.9)
        XCTAssertLessThan(elapsed, 5)
        XCTAssertEqual(server.receivedRequests.count, 1)
    }

    func testMissingSecretIsAUsageErrorAndSendsNothing() throws {
        let server = try start()
        for secret in [nil, ""] as [String?] {
            let result = try callCheckBalance(server, secret: secret)
            XCTAssertEqual(result.status, 64, result.standardError)
            XCTAssertEqual(result.standardOutput, "")
            XCTAssertTrue(result.standardError.contains("TARLAN_SECRET"), result.standardError)
        }
        XCTAssertTrue(server.receivedRequests.isEmpty)
    }

    func testUsageErrorsExit64AndSendNothing() throws {
        let server = try start()
        let base = "http://127.0.0.1:\(server.port)"
        let cases: [(arguments: [String], message: String)] = [
            (["call", "noSuchOperation", "--json", "{}", "--base-url", base], #"unknown operation "noSuchOperation""#),
            (["call", "checkBalance", "--json", #"{"agent":"daw""#, "--base-url", base], "the request is not valid JSON"),
            (["call", "checkBalance", "--json", "[1]", "--base-url", base], "the request must be a JSON object"),
            (["call", "checkBalance", "--json", "{}", "--base-url", base, "--timeout", "-1"], "--timeout takes a positive number"),
            (["call", "checkBalance", "--json", #"{"agent":"daw"}"#, "--base-url", "http://example.com"], "invalid request"),
        ]
        for (arguments, message) in cases {
            let result = try CommandRunner.run("tarlan", arguments, environment: ["TARLAN_SECRET": Self.secret])
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.standardError)")
            XCTAssertEqual(result.standardOutput, "", "\(arguments)")
            XCTAssertTrue(result.standardError.contains(message), "\(arguments): \(result.standardError)")
            assertNoSecret(result)
        }
        XCTAssertTrue(server.receivedRequests.isEmpty, "\(server.receivedRequests.map(\.target))")
    }
}
