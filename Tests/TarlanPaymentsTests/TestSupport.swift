import Foundation
import TarlanPayments
import TarlanPaymentsMocks
import TarlanTransportTesting
import XCTest

/// A secret that must never show up in any printed form.
let distinctiveSecret = "s3cr3t-DO-NOT-PRINT"

/// A response with a UTF-8 body.
func response(_ status: Int, _ body: String, headers: HTTPHeaders = ["Content-Type": "application/json"]) -> HTTPResponse {
    HTTPResponse(statusCode: status, headers: headers, body: Data(body.utf8))
}

/// Parses JSON text with the runtime's strict parser, failing the test on bad input.
func parseJSON(_ data: Data?, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
    guard let data else {
        XCTFail("no data to parse", file: file, line: line)
        return .null
    }
    do {
        return try JSONParser.parse(data)
    } catch {
        XCTFail("not JSON: \(error): \(String(decoding: data, as: UTF8.self))", file: file, line: line)
        return .null
    }
}

/// The `TarlanError` a throwing expression produced; fails the test if it did not throw one.
func tarlanError<T>(
    _ expression: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
) -> TarlanError? {
    do {
        let value = try expression()
        XCTFail("expected a TarlanError, got the value \(value)", file: file, line: line)
    } catch let error as TarlanError {
        return error
    } catch {
        XCTFail("expected a TarlanError, got \(type(of: error)): \(error)", file: file, line: line)
    }
    return nil
}

/// A transport that records every request and answers with `handler`.
func recordingTransport(
    _ recorder: Recorder<HTTPRequest>,
    _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse
) -> InMemoryTransport {
    InMemoryTransport { request in
        recorder.append(request)
        return try await handler(request)
    }
}

/// Every textual form Swift offers for a value.
func allDescriptions(of value: Any) -> [String] {
    var dumped = ""
    dump(value, to: &dumped)
    return [String(describing: value), String(reflecting: value), dumped, "\(value)"]
}

/// Fails if any textual form of `value` contains `secret`.
func assertNoSecret(in value: Any, secret: String = distinctiveSecret, file: StaticString = #filePath, line: UInt = #line) {
    for text in allDescriptions(of: value) {
        XCTAssertFalse(text.contains(secret), "the secret leaked: \(text)", file: file, line: line)
        // Also guard against partial leaks (the start of the secret).
        XCTAssertFalse(text.contains(String(secret.prefix(8))), "part of the secret leaked: \(text)", file: file, line: line)
    }
}
