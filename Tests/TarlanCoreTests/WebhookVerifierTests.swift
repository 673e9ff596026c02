import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

/// The verifier under attack: tampering, reordering, foreign signatures, missing headers, size limits, replay.
final class WebhookVerifierTests: XCTestCase {
    private let secret: TarlanSecret = "12345"
    private let section = TarlanSection(
        name: "acquiring", title: "Acquiring",
        signing: SigningRules(headerName: "Authorization", valuePrefix: "Bearer ", excludedTopLevelFields: ["additional_data"], excludesEmptyStrings: true),
        servers: [:]
    )

    /// Shaped as the generator shapes a payload: every property optional, read leniently.
    private struct Payload: JSONReadable, Sendable, Equatable {
        var transactionID: Int?
        var statusCode: String?

        init(transactionID: Int?, statusCode: String?) {
            self.transactionID = transactionID
            self.statusCode = statusCode
        }

        init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
            let object = try JSONObjectReader(json, model: "Payload", context: context)
            transactionID = try object.int("transaction_id")
            statusCode = try object.string("status_code")
        }
    }

    private var callback: CallbackDescriptor {
        CallbackDescriptor(
            id: "paymentStatus", summary: "Payment Status", section: section, method: .post, payloadLocation: .body,
            payloadFields: [RequestField(name: "transaction_id", kind: .integer, isRequired: true)]
        )
    }

    private let body = #"{"status_code":"success","transaction_id":42,"extra":"kept","additional_data":{"a":1}}"#

    private func header(for text: String) throws -> String {
        Signer.headerValue(for: try JSONParser.parse(Array(text.utf8)), secret: secret, rules: section.signing)
    }

    func testAcceptsAValidCallbackAndKeepsUnknownFields() throws {
        let verified = try WebhookVerifier(secret: secret).verify(
            callback, body: Data(body.utf8), signatureHeader: try header(for: body), as: Payload.self
        )
        XCTAssertEqual(verified.payload, Payload(transactionID: 42, statusCode: "success"))
        XCTAssertEqual(verified.fields["extra"], "kept")
    }

    func testReorderedKeysAndWhitespaceStillVerify() throws {
        let reordered = #"{ "transaction_id": 42, "additional_data": {"a": 1}, "extra": "kept", "status_code": "success" }"#
        XCTAssertNoThrow(try WebhookVerifier(secret: secret).verify(
            callback, body: Data(reordered.utf8), signatureHeader: try header(for: body), as: Payload.self
        ))
    }

    func testRejectsATamperedBody() throws {
        let tampered = body.replacingOccurrences(of: "42", with: "43")
        assertRejected(tampered, try header(for: body), .invalidSignature)
    }

    func testRejectsTheValidSignatureOfAnotherBody() throws {
        let other = #"{"status_code":"failed","transaction_id":42}"#
        assertRejected(body, try header(for: other), .invalidSignature)
    }

    func testRejectsAWrongSecret() throws {
        let foreign = Signer.headerValue(for: try JSONParser.parse(Array(body.utf8)), secret: "other", rules: section.signing)
        assertRejected(body, foreign, .invalidSignature)
    }

    func testRejectsAnEmptyOrAbsentSignature() {
        assertRejected(body, nil, .missingSignature)
        assertRejected(body, "", .missingSignature)
        assertRejected(body, "   ", .missingSignature)
        assertRejected(body, "Bearer ", .invalidSignature)
    }

    func testRejectsDuplicateKeysThatCouldHideAValueFromTheSignature() throws {
        let duplicated = #"{"status_code":"success","transaction_id":42,"transaction_id":43}"#
        XCTAssertThrowsError(try WebhookVerifier(secret: secret).verify(
            callback, body: Data(duplicated.utf8), signatureHeader: "Bearer 00", as: Payload.self
        )) { error in
            guard case .malformedBody = error as? WebhookError else { return XCTFail("\(error)") }
        }
    }

    func testRefusesABodyOverTheLimitWithoutParsingIt() {
        let verifier = WebhookVerifier(secret: secret, maxBodySize: 16)
        XCTAssertThrowsError(try verifier.verify(callback, body: Data(body.utf8), signatureHeader: "x", as: Payload.self)) { error in
            XCTAssertEqual(error as? WebhookError, .bodyTooLarge(limit: 16))
        }
    }

    func testASignedPayloadThatDoesNotFitTheModelIsAcceptedAndReported() throws {
        let wrong = #"{"status_code":"success","transaction_id":"forty-two"}"#
        let verified = try WebhookVerifier(secret: secret).verify(
            callback, body: Data(wrong.utf8), signatureHeader: try header(for: wrong), as: Payload.self)
        XCTAssertEqual(verified.payload, Payload(transactionID: nil, statusCode: "success"))
        XCTAssertEqual(verified.unreadableFields, ["transaction_id"])
        XCTAssertEqual(verified.missingFields, [], "it arrived; it just could not be read")
        XCTAssertEqual(verified.fields["transaction_id"], "forty-two")
        XCTAssertFalse(verified.isComplete)

        let drifted = #"{"status_code":"success","transaction_id":"42"}"#
        let converted = try WebhookVerifier(secret: secret).verify(
            callback, body: Data(drifted.utf8), signatureHeader: try header(for: drifted), as: Payload.self)
        XCTAssertEqual(converted.payload, Payload(transactionID: 42, statusCode: "success"), "a number sent as a string")
        XCTAssertTrue(converted.isComplete)

        let missing = #"{"status_code":"success"}"#
        let absent = try WebhookVerifier(secret: secret).verify(
            callback, body: Data(missing.utf8), signatureHeader: try header(for: missing), as: Payload.self)
        XCTAssertEqual(absent.missingFields, ["transaction_id"])
    }

    func testAnotherFormIsAcceptedOnlyWhenAskedFor() throws {
        let text = #"{"transaction_id":42,"status_code":"success","description":"Оплата & co","meta":{"z":1,"a":2}}"#
        var php = section.signing
        php.canonicalForm = .phpSample
        // Signed as PHP would: nested keys in the order they arrived.
        let parsed = try JSONParser.parseWithLocations(Array(text.utf8))
        let bytes = Signer.signingBytes(parsed.value, rules: php, keyOrder: parsed.locations)
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains(#""meta":{"z":1,"a":2}"#))
        let header = "Bearer " + Signer.signature(signingBytes: bytes, secret: secret)

        XCTAssertThrowsError(try WebhookVerifier(secret: secret).verify(
            callback, body: Data(text.utf8), signatureHeader: header, as: Payload.self)) { error in
            XCTAssertEqual(error as? WebhookError, .invalidSignature, "the section signs in the go form")
        }
        let migrating = WebhookVerifier(secret: secret, alsoAccepting: [.phpSample])
        let verified = try migrating.verify(callback, body: Data(text.utf8), signatureHeader: header, as: Payload.self)
        XCTAssertEqual(verified.canonicalForm, .phpSample)
        XCTAssertEqual(verified.payload, Payload(transactionID: 42, statusCode: "success"))
        let goHeader = try self.header(for: text)
        XCTAssertEqual(try migrating.verify(callback, body: Data(text.utf8), signatureHeader: goHeader, as: Payload.self).canonicalForm, .go)
    }

    func testMalformedBodies() {
        for text in ["", "[1]", "{\"a\":", "null"] {
            XCTAssertThrowsError(try WebhookVerifier(secret: secret).verify(
                callback, body: Data(text.utf8), signatureHeader: "Bearer 00", as: Payload.self
            ), text) { error in
                guard case .malformedBody = error as? WebhookError else { return XCTFail("\(text): \(error)") }
            }
        }
    }

    /// The verifier is stateless: a replayed callback verifies again (the merchant deduplicates; README).
    func testAReplayedCallbackVerifiesAgain() throws {
        let verifier = WebhookVerifier(secret: secret)
        let signature = try header(for: body)
        for _ in 0..<2 {
            XCTAssertNoThrow(try verifier.verify(callback, body: Data(body.utf8), signatureHeader: signature, as: Payload.self))
        }
    }

    func testGETCallbackVerifiesTheTypedQuery() throws {
        let ready = CallbackDescriptor(
            id: "ready", summary: "Ready", section: section, method: .get, payloadLocation: .query,
            payloadFields: [RequestField(name: "transaction_id", kind: .integer, isRequired: true)]
        )
        let signed: JSONValue = ["transaction_id": 42, "status_code": "new"]
        let header = Signer.headerValue(for: signed, secret: secret, rules: section.signing)
        let url = try XCTUnwrap(URL(string: "https://merchant.example/confirm?status_code=new&transaction_id=42"))
        let verified = try WebhookVerifier(secret: secret).verify(ready, url: url, signatureHeader: header, as: Payload.self)
        XCTAssertEqual(verified.payload, Payload(transactionID: 42, statusCode: "new"))
        let tampered = try XCTUnwrap(URL(string: "https://merchant.example/confirm?status_code=new&transaction_id=43"))
        XCTAssertThrowsError(try WebhookVerifier(secret: secret).verify(ready, url: tampered, signatureHeader: header, as: Payload.self))
    }

    func testErrorsNeverContainTheSecret() {
        let errors: [WebhookError] = [.missingSignature, .invalidSignature, .bodyTooLarge(limit: 1), .malformedBody(reason: "x")]
        for error in errors {
            XCTAssertFalse("\(error)".contains("12345"))
        }
        XCTAssertFalse(String(reflecting: WebhookVerifier(secret: "s3cr3t-DO-NOT-PRINT")).contains("s3cr3t"))
    }

    private func assertRejected(_ text: String, _ header: String?, _ expected: WebhookError, line: UInt = #line) {
        XCTAssertThrowsError(
            try WebhookVerifier(secret: secret).verify(callback, body: Data(text.utf8), signatureHeader: header, as: Payload.self),
            line: line
        ) { error in
            XCTAssertEqual(error as? WebhookError, expected, line: line)
        }
    }
}
