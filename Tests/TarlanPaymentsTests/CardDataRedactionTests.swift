import Foundation
import TarlanPayments
import XCTest

/// Card data (the schema's `sensitive` fields) never shows in descriptions, dumps or error snippets.
final class CardDataRedactionTests: XCTestCase {
    private let token = "tok-4111-SECRET"
    private let pan = "4111-11XXXXXX-1111"

    private var body: String {
        #"{"status":true,"message":"Success","result":{"id":7,"amount":10,"card_token":"\#(token)","masked_pan":"\#(pan)","created_at":"2023-10-04T10:05:02.93843Z"}}"#
    }

    private func assertNoCardData(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(text.contains(token), text, file: file, line: line)
        XCTAssertFalse(text.contains(pan), text, file: file, line: line)
    }

    func testDecodedModelsRedactCardDataEverywhereTheyPrint() throws {
        let result = try ResponseInterpreter.decode(
            TransactionStatusResult.self, for: TarlanOperations.getTransactionStatus,
            from: HTTPResponse(statusCode: 200, body: Data(body.utf8))
        )
        XCTAssertEqual(result.cardToken, token, "the value itself is intact")
        var dumped = ""
        dump(result, to: &dumped)
        for text in [String(describing: result), String(reflecting: result), dumped, "\(result)"] {
            assertNoCardData(text)
            XCTAssertTrue(text.contains("[redacted]"), text)
            XCTAssertTrue(text.contains("2023-10-04T10:05:02.93843Z"), "other fields still show: \(text)")
        }
        let cards = try JSONDecoder().decode([SavedCard].self, from: Data(#"[{"card_token":"\#(token)","masked_pan":"\#(pan)"}]"#.utf8))
        assertNoCardData(String(describing: cards))
    }

    func testErrorSnippetsRedactCardData() {
        let wrongType = body.replacingOccurrences(of: #""amount":10"#, with: #""amount":"ten""#)
        XCTAssertThrowsError(try ResponseInterpreter.decode(
            TransactionStatusResult.self, for: TarlanOperations.getTransactionStatus,
            from: HTTPResponse(statusCode: 200, body: Data(wrongType.utf8))
        )) { error in
            guard case .decoding(let failure) = error as? TarlanError else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.path, "result.amount")
            self.assertNoCardData(failure.bodySnippet)
            self.assertNoCardData(String(describing: error))
        }
        // Not JSON at all, but naming a card field: withheld.
        let html = "<html>card_token=\(token)</html>"
        XCTAssertThrowsError(try ResponseInterpreter.decode(
            TransactionStatusResult.self, for: TarlanOperations.getTransactionStatus,
            from: HTTPResponse(statusCode: 502, body: Data(html.utf8))
        )) { error in
            self.assertNoCardData(String(describing: error))
        }
    }

    func testDescriptorsKnowTheirCardFields() {
        XCTAssertEqual(TarlanOperations.getTransactionStatus.sensitiveFields, ["card_token", "masked_pan"])
        XCTAssertTrue(TarlanOperations.listCards.sensitiveFields.contains("card_token"))
        XCTAssertTrue(TarlanOperations.deleteCard.sensitiveFields.contains("encrypted_card_id"))
        XCTAssertEqual(TarlanOperations.checkBalance.sensitiveFields, [])
    }
}
