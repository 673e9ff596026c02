import Foundation
import TarlanPayments
import TarlanPaymentsMocks
import TarlanTransportTesting
import XCTest

/// Retries and deadlines in the client core, over in-memory transports. The loopback-server cases
/// (outcome unknown, deadlines, exact amounts) run for every transport in `HostileServerSuite`.
final class OutcomeAndDeadlineTests: XCTestCase {
    private static let secret = TarlanSecret("outcome-secret")

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

}
