import Foundation
import XCTest

/// `tarlan verify-callback`: a merchant's debugging tool for callback signatures.
final class VerifyCallbackCommandTests: XCTestCase {
    private let secret = "merchant-secret-7f3a"
    private let payload = #"{"status_code":"4","status_message":"Transaction was failed","amount":100.82,"external_id":"x-1","fail_reason":{"code":100,"message":"Unknown reason"},"undocumented":true}"#

    private func sign(_ body: String, section: String) throws -> String {
        let signed = try CommandRunner.run("tarlan", ["sign", section], input: body, environment: ["TARLAN_SECRET": secret])
        XCTAssertEqual(signed.status, 0, signed.standardError)
        return signed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func verify(_ arguments: [String], input: String = "", secret: String? = nil) throws -> CommandRunner.Result {
        let result = try CommandRunner.run(
            "tarlan", ["verify-callback"] + arguments, input: input, environment: ["TARLAN_SECRET": secret ?? self.secret])
        XCTAssertFalse(result.standardOutput.contains(self.secret), "the secret never appears")
        XCTAssertFalse(result.standardError.contains(self.secret), "the secret never appears")
        return result
    }

    func testASignedBodyVerifiesAndPrintsThePayload() throws {
        let signature = try sign(payload, section: "agws")
        let result = try verify(["agwsPaymentSystemCallback", "--signature", signature], input: payload)
        XCTAssertEqual(result.status, 0, result.standardError)
        let printed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        XCTAssertEqual(printed?["external_id"] as? String, "x-1")
        XCTAssertEqual(printed?["amount"] as? Double, 100.82)
        XCTAssertEqual((printed?["fail_reason"] as? [String: Any])?["code"] as? Int, 100)
        XCTAssertEqual(result.standardError, "")
    }

    func testAMissingDocumentedFieldIsANoteNotARefusal() throws {
        let body = #"{"status_code":"2","amount":"5.5"}"#
        let result = try verify(["agwsPaymentSystemCallback", "--signature", try sign(body, section: "agws")], input: body)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains(#""amount": 5.5"#), "a drifted amount is read: \(result.standardOutput)")
        let acquiring = #"{"status_code":"success","transaction_id":140001455,"amount":10}"#
        let signature = "Bearer " + (try sign(acquiring, section: "acquiring"))
        let reported = try verify(["acquiringPaymentStatus", "--signature", signature], input: acquiring)
        XCTAssertEqual(reported.status, 0, reported.standardError)
        XCTAssertTrue(reported.standardError.hasPrefix("note: documented fields missing or null: acquirer_code, created_at"), reported.standardError)
    }

    func testAWrongSignatureShowsTheTextThatWasHashed() throws {
        let result = try verify(["agwsPaymentSystemCallback", "--signature", String(repeating: "0", count: 64)], input: payload)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(result.standardError.hasPrefix("tarlan verify-callback: rejected: the signature does not match\n"), result.standardError)
        XCTAssertTrue(
            result.standardError.contains(
                #"canonical text hashed (go form): {"amount":100.82,"external_id":"x-1","fail_reason":{"code":100,"message":"Unknown reason"},"status_code":"4","status_message":"Transaction was failed","undocumented":true}"#),
            result.standardError)
    }

    func testMissingAndEmptySignaturesAreRefused() throws {
        let missing = try verify(["agwsPaymentSystemCallback"], input: payload)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.standardError.contains("no --signature given"), missing.standardError)
        let empty = try verify(["agwsPaymentSystemCallback", "--signature", ""], input: payload)
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.standardError.contains("the signature is empty"), empty.standardError)
    }

    func testABodyThatIsNotJSONExitsTwo() throws {
        let result = try verify(["agwsPaymentSystemCallback", "--signature", "abc"], input: "<html>")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("malformed body"), result.standardError)
        XCTAssertEqual(try verify(["agwsPaymentSystemCallback", "--signature", "abc"], input: "[1, 2]").status, 2)
    }

    func testAGetCallbackTakesItsQuery() throws {
        let typed = #"{"project_reference_id":"999","type":"in"}"#
        let signature = "Bearer " + (try sign(typed, section: "acquiring"))
        let result = try verify(["acquiringPaymentReady", "--query", "type=in&project_reference_id=999", "--signature", signature])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains(#""project_reference_id": "999""#), result.standardOutput)
        let tampered = try verify(["acquiringPaymentReady", "--query", "type=in&project_reference_id=998", "--signature", signature])
        XCTAssertEqual(tampered.status, 1)
        XCTAssertTrue(
            tampered.standardError.contains(#"canonical text hashed (go form): {"project_reference_id":"998","type":"in"}"#),
            tampered.standardError)
    }

    func testUsageErrorsExitSixtyFour() throws {
        XCTAssertEqual(try verify([]).status, 64)
        XCTAssertEqual(try verify(["noSuchCallback"]).status, 64)
        XCTAssertEqual(try verify(["acquiringPaymentReady", "--signature", "x"]).status, 64, "a GET callback needs --query")
        XCTAssertEqual(try verify(["agwsPaymentSystemCallback", "--query", "a=1"]).status, 64, "a POST callback reads its body")
        XCTAssertEqual(try verify(["agwsPaymentSystemCallback", "--frobnicate"]).status, 64)
        XCTAssertEqual(try verify(["agwsPaymentSystemCallback", "--signature"]).status, 64)
        let noSecret = try CommandRunner.run("tarlan", ["verify-callback", "agwsPaymentSystemCallback"], input: payload)
        XCTAssertEqual(noSecret.status, 64)
        XCTAssertTrue(noSecret.standardError.contains("TARLAN_SECRET"))
    }

    func testListNamesTheCallbacksThisCommandTakes() throws {
        let list = try CommandRunner.run("tarlan", ["list"])
        for callback in ["agwsPaymentSystemCallback", "acquiringPaymentStatus", "acquiringPaymentReady"] {
            XCTAssertTrue(
                list.standardOutput.split(separator: "\n").contains { $0.hasPrefix(callback + " ") && $0.contains("(callback to your endpoint)") },
                list.standardOutput)
        }
    }
}
