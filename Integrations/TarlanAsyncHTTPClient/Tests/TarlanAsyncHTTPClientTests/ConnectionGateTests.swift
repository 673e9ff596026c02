import Foundation
import NIOCore
import TarlanPayments
import TarlanTransportTesting
import XCTest

@testable import TarlanAsyncHTTPClient

/// The gate in front of the connection pool: places, order, deadlines and cancellation.
final class ConnectionGateTests: XCTestCase {
    func testPlacesAreTakenUntilTheWidthAndPassInArrivalOrder() async throws {
        let gate = ConnectionGate(width: 2)
        try await gate.enter(deadline: after(10_000))
        try await gate.enter(deadline: after(10_000))
        let order = OrderLog()
        var waiting: [Task<Void, any Error>] = []
        for number in 1...3 {
            waiting.append(Task {
                try await gate.enter(deadline: after(10_000))
                order.append(number)
            })
            // Each waits before the next arrives.
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTAssertEqual(order.numbers, [], "no place was free")
        for expected in 1...3 {
            gate.leave()
            try await waiting[expected - 1].value
            XCTAssertEqual(order.numbers, Array(1...expected))
        }
    }

    func testAWaitPastItsDeadlineEndsWithoutAPlace() async throws {
        let gate = ConnectionGate(width: 1)
        try await gate.enter(deadline: after(10_000))
        let started = ContinuousClock.now
        do {
            try await gate.enter(deadline: after(100))
            XCTFail("entered a full gate")
        } catch ConnectionGate.Refusal.deadlineExceeded {
            let waited = ContinuousClock.now - started
            XCTAssertGreaterThanOrEqual(waited, .milliseconds(100))
            XCTAssertLessThan(waited, .seconds(2))
        }
        // The one place is still the first caller's: after it leaves, the next enters at once.
        gate.leave()
        try await gate.enter(deadline: after(100))
    }

    func testACancelledWaitEndsAndTakesNoPlace() async throws {
        let gate = ConnectionGate(width: 1)
        try await gate.enter(deadline: after(10_000))
        let waiter = Task { try await gate.enter(deadline: after(10_000)) }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        do {
            try await waiter.value
            XCTFail("a cancelled wait entered")
        } catch is CancellationError {}
        gate.leave()
        try await gate.enter(deadline: after(100))
    }

    func testATaskCancelledBeforeItWaitsDoesNotWait() async throws {
        let gate = ConnectionGate(width: 1)
        try await gate.enter(deadline: after(10_000))
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await gate.enter(deadline: after(10_000))
        }
        do {
            try await waiter.value
            XCTFail("a cancelled task entered a full gate")
        } catch is CancellationError {}
    }

    /// Through the transport: a server that never answers holds every connection; calls that time out
    /// while waiting for one fail as "not sent", and the server never sees them.
    func testCallsThatTimeOutWaitingForAConnectionWereNotSent() async throws {
        let width = SharedClient.connectionsPerHost
        let server = try LocalHTTPServer(maxConnections: width + 16) { _ in .hang }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport()
        let url = server.baseURL.appendingPathComponent("pay")
        @Sendable func call(timeout: TimeInterval) async -> HTTPTransportError? {
            do {
                _ = try await transport.send(HTTPRequest(method: .post, url: url, body: Data("{}".utf8), timeout: timeout))
                XCTFail("a server that never answers answered")
                return nil
            } catch {
                return error as? HTTPTransportError
            }
        }
        let holding = (0..<width).map { _ in Task { await call(timeout: 5) } }
        let allConnected = await server.wait(timeout: 4) { $0.receivedRequests.count == width }
        XCTAssertTrue(allConnected, "\(server.receivedRequests.count) of \(width) requests arrived")

        let waiting = (0..<6).map { _ in Task { await call(timeout: 0.3) } }
        for task in waiting {
            let error = await task.value
            XCTAssertEqual(error?.reason, "timed out")
            XCTAssertEqual(error?.requestMayHaveBeenSent, false, "timed out before it had a connection")
        }
        XCTAssertEqual(server.receivedRequests.count, width, "the waiting calls reached the server")
        for task in holding { task.cancel() }
    }

    func testManyCallersShareFewPlacesAndAllGetThrough() async throws {
        let gate = ConnectionGate(width: 3)
        let inside = OrderLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 0..<200 {
                group.addTask {
                    try await gate.enter(deadline: after(30_000))
                    inside.append(number)
                    XCTAssertLessThanOrEqual(inside.enterAndCount(), 3)
                    try await Task.sleep(for: .milliseconds(1))
                    inside.exit()
                    gate.leave()
                }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(Set(inside.numbers), Set(0..<200))
    }
}

private func after(_ milliseconds: Int64) -> NIODeadline {
    .now() + .milliseconds(milliseconds)
}

/// Numbers appended from several tasks, and how many are inside at once.
private final class OrderLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    private var current = 0

    var numbers: [Int] { lock.withLock { values } }
    func append(_ number: Int) { lock.withLock { values.append(number) } }
    func enterAndCount() -> Int {
        lock.withLock {
            current += 1
            return current
        }
    }
    func exit() { lock.withLock { current -= 1 } }
}

final class SharedClientGateTests: XCTestCase {
    func testOneGatePerHostAsThePoolCountsThem() {
        let gate = SharedClient.gate(for: URL(string: "https://pay.example.com/a")!)
        XCTAssertTrue(gate === SharedClient.gate(for: URL(string: "https://PAY.example.com:443/b?c=1")!))
        XCTAssertFalse(gate === SharedClient.gate(for: URL(string: "https://pay.example.com:8443/a")!))
        XCTAssertFalse(gate === SharedClient.gate(for: URL(string: "http://pay.example.com/a")!))
        XCTAssertTrue(
            SharedClient.gate(for: URL(string: "http://127.0.0.1/a")!)
                === SharedClient.gate(for: URL(string: "http://127.0.0.1:80/b")!))
    }
}
