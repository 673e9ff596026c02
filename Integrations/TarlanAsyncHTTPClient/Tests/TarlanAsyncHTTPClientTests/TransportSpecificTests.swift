import Foundation
import TarlanAsyncHTTPClient
import TarlanPayments
import TarlanTransportTesting
import XCTest

extension TransportUnderTest {
    static let asyncHTTPClient = TransportUnderTest(name: "AsyncHTTPClientTransport") {
        AsyncHTTPClientTransport(defaultTimeout: $0, maxResponseSize: $1)
    }
}

/// What the transport guarantees on its own, when used without a client in front of it.
final class AsyncHTTPClientTransportTests: XCTestCase {
    func testPlainHTTPToANonLoopbackHostIsRefusedBeforeAnythingIsSent() async throws {
        let transport = AsyncHTTPClientTransport(defaultTimeout: 1)
        for address in ["http://example.com/x", "http://127.0.0.1.nip.io/x", "http://10.0.0.1/x", "ftp://127.0.0.1/x"] {
            do {
                _ = try await transport.send(HTTPRequest(method: .get, url: URL(string: address)!))
                XCTFail("\(address) was sent")
            } catch let error as HTTPTransportError {
                XCTAssertFalse(error.requestMayHaveBeenSent, address)
                XCTAssertTrue(error.reason.contains("https"), error.reason)
            }
        }
    }

    func testALoopbackAnswerKeepsItsHeadersAndBody() async throws {
        let server = try LocalHTTPServer { request in
            .respond(LocalHTTPServer.Response(
                status: 201, reason: "Created",
                headers: [("Content-Type", "application/json"), ("X-Echo", request.header("X-Probe") ?? "")],
                body: request.body))
        }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport()
        for host in ["127.0.0.1", "localhost"] {
            let url = URL(string: "http://\(host):\(server.port)/echo?a=1")!
            let response = try await transport.send(HTTPRequest(
                method: .post, url: url, headers: ["X-Probe": "p-1", "Content-Type": "application/json"],
                body: Data(#"{"amount":13.05}"#.utf8)))
            XCTAssertEqual(response.statusCode, 201)
            XCTAssertEqual(response.headers["x-echo"], "p-1")
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), #"{"amount":13.05}"#)
        }
        XCTAssertEqual(server.receivedRequests.map(\.target), ["/echo?a=1", "/echo?a=1"])
        XCTAssertEqual(server.receivedRequests.first?.header("content-length"), "16")
    }

    func testAnEmptyBodyIsSentWithoutOne() async throws {
        let server = try LocalHTTPServer { _ in .respond(.json("{}")) }
        defer { server.stop() }
        _ = try await AsyncHTTPClientTransport().send(HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("q")))
        let request = try XCTUnwrap(server.receivedRequests.first)
        XCTAssertEqual(request.method, "GET")
        XCTAssertTrue(request.body.isEmpty)
    }
}
