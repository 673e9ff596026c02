import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class HTTPHeadersTests: XCTestCase {
    func testLookupIgnoresCase() {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        XCTAssertEqual(headers["content-type"], "application/json")
        XCTAssertEqual(headers["CONTENT-TYPE"], "application/json")
        XCTAssertNil(headers["Content-Length"])
        headers["x-signature"] = "abc"
        XCTAssertEqual(headers["X-Signature"], "abc")
    }

    func testSettingWithOtherCaseReplacesAndKeepsTheLatestSpelling() {
        var headers = HTTPHeaders()
        headers["authorization"] = "Bearer one"
        headers["Authorization"] = "Bearer two"
        XCTAssertEqual(headers["AUTHORIZATION"], "Bearer two")
        XCTAssertEqual(Array(headers).count, 1)
        XCTAssertEqual(headers.map(\.name), ["Authorization"])
    }

    func testNilRemoves() {
        var headers: HTTPHeaders = ["A": "1", "B": "2"]
        headers["a"] = nil
        XCTAssertNil(headers["A"])
        XCTAssertEqual(headers.map(\.name), ["B"])
        headers["missing"] = nil
        XCTAssertEqual(headers.map(\.name), ["B"])
    }

    func testIterationIsSortedByLowercasedName() {
        let headers: HTTPHeaders = ["x-b": "3", "Accept": "1", "X-Signature": "4", "content-type": "2", "X-a": "5"]
        XCTAssertEqual(headers.map(\.name), ["Accept", "content-type", "X-a", "x-b", "X-Signature"])
        XCTAssertEqual(headers.map(\.value), ["1", "2", "5", "3", "4"])
        // Stable across iterations and copies.
        let copy = headers
        XCTAssertEqual(copy.map(\.name), headers.map(\.name))
    }

    func testLiteralWithRepeatedNameKeepsTheLast() {
        let headers: HTTPHeaders = ["Accept": "text/html", "accept": "application/json"]
        XCTAssertEqual(headers["Accept"], "application/json")
        XCTAssertEqual(Array(headers).count, 1)
    }

    func testEqualityAndHashingIgnoreNameCase() {
        let a: HTTPHeaders = ["Content-Type": "application/json", "X-Signature": "s"]
        let b: HTTPHeaders = ["x-signature": "s", "content-type": "application/json"]
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertEqual(Set([a, b]).count, 1)
        XCTAssertNotEqual(a, ["Content-Type": "application/json", "X-Signature": "S"], "values are case-sensitive")
        XCTAssertNotEqual(a, ["Content-Type": "application/json"])
        XCTAssertEqual(HTTPHeaders(), [:])
    }

    func testRequestsCompareTheirHeadersCaseInsensitively() {
        let url = URL(string: "https://example.invalid/x")!
        XCTAssertEqual(
            HTTPRequest(method: .post, url: url, headers: ["X-Signature": "1"]),
            HTTPRequest(method: .post, url: url, headers: ["x-signature": "1"]))
        XCTAssertNotEqual(
            HTTPRequest(method: .post, url: url, timeout: 1), HTTPRequest(method: .post, url: url, timeout: 2))
    }
}
