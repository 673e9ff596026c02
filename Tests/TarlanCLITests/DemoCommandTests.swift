import Foundation
import XCTest

/// `tarlan demo` runs every operation against the mock.
final class DemoCommandTests: XCTestCase {
    func testDemoRunsEveryOperationEndToEnd() throws {
        let result = try CommandRunner.run("tarlan", ["demo"])
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
        let output = result.standardOutput
        for operation in ["checkBalance", "confirmInvoice", "createPaymentLink", "getTransactionStatus"] {
            XCTAssertTrue(output.contains("== \(operation):"), operation)
        }
        // Signed headers are shown, and every answer was decoded.
        XCTAssertTrue(output.contains("X-Signature: 09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee"))
        XCTAssertTrue(output.contains("Authorization: Bearer e1ef6a688a5a25c234a47e8e6a7d338b8d94ec12f0885403c96bdec5c49477f1"))
        XCTAssertTrue(output.contains("\"showcase_code\": \"daw\""))
        XCTAssertFalse(output.contains("-> error"))
        // Card data from the examples (card_token, masked_pan) is redacted.
        for cardData in ["sdfasdf23", "sdsd13123", "Qwerty12345", "0000-00XXXXXX-0000"] {
            XCTAssertFalse(output.contains(cardData), cardData)
        }
        XCTAssertTrue(output.contains("[redacted]"))
        XCTAssertTrue(output.contains("operations and callbacks succeeded."))
    }

    func testUnknownCommandIsAUsageError() throws {
        let result = try CommandRunner.run("tarlan", ["frobnicate"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("usage:"))
    }
}
