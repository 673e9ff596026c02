import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class SignerTests: XCTestCase {
    private let secret = TarlanSecret("12345")
    private let agws = SigningRules(
        headerName: "X-Signature", valuePrefix: "", excludedTopLevelFields: ["additional_data"],
        excludesEmptyStrings: true)
    private let acquiring = SigningRules(
        headerName: "Authorization", valuePrefix: "Bearer ", excludedTopLevelFields: ["additional_data"],
        excludesEmptyStrings: true)

    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return .null
        }
    }

    /// Checks a published vector: canonical text and base64 where given, and the signature.
    private func check(
        _ body: String, rules: SigningRules, canonical: String? = nil, base64: String? = nil, signature: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let value = parse(body, file: file, line: line)
        let bytes = Signer.signingBytes(value, rules: rules)
        if let canonical {
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), canonical, file: file, line: line)
        }
        if let base64 {
            XCTAssertEqual(Data(bytes).base64EncodedString(), base64, file: file, line: line)
        }
        XCTAssertEqual(Signer.signature(for: value, secret: secret, rules: rules), signature, file: file, line: line)
        XCTAssertEqual(
            Signer.headerValue(for: value, secret: secret, rules: rules), rules.valuePrefix + signature,
            file: file, line: line)
        XCTAssertTrue(
            Signer.verify(headerValue: rules.valuePrefix + signature, body: value, secret: secret, rules: rules),
            file: file, line: line)
    }

    // MARK: AGWS vectors

    func testAGWSPaymentVector() {
        check(
            #"{"username": "989898", "amount": 100, "agent": "tarlan", "project": "mobile", "service_code": "201106", "external_id": "200001", "datetime": "2022-12-01T15:45:00Z"}"#,
            rules: agws,
            canonical: #"{"agent":"tarlan","amount":100,"datetime":"2022-12-01T15:45:00Z","external_id":"200001","project":"mobile","service_code":"201106","username":"989898"}"#,
            base64: "eyJhZ2VudCI6InRhcmxhbiIsImFtb3VudCI6MTAwLCJkYXRldGltZSI6IjIwMjItMTItMDFUMTU6NDU6MDBaIiwiZXh0ZXJuYWxfaWQiOiIyMDAwMDEiLCJwcm9qZWN0IjoibW9iaWxlIiwic2VydmljZV9jb2RlIjoiMjAxMTA2IiwidXNlcm5hbWUiOiI5ODk4OTgifQ==",
            signature: "9ab70986d5b875e66fc92368029f845275a1208633eb9dda821bbabf99cac4b2")
    }

    func testAGWSStatusVector() {
        check(
            #"{"agent": "tarlan", "project": "mobile", "service_code": "201106", "external_id": "200001"}"#,
            rules: agws, signature: "0e7ed3b74f0c17871631e7e4b663aa74032867ced99365f7ebef2d3839f09e91")
    }

    func testAGWSServiceVector() {
        check(
            #"{"agent":"tarlan","project":"mobile","service_code":"101"}"#, rules: agws,
            base64: "eyJhZ2VudCI6InRhcmxhbiIsInByb2plY3QiOiJtb2JpbGUiLCJzZXJ2aWNlX2NvZGUiOiIxMDEifQ==",
            signature: "bd61dc2a9c4b3ff7360e68e580889db73cea08b5f74c7c0ae970b995ad0ea928")
    }

    func testAGWSAgentOnlyVector() {
        check(
            #"{"agent":"daw"}"#, rules: agws, base64: "eyJhZ2VudCI6ImRhdyJ9",
            signature: "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee")
    }

    func testAGWSConfirmVector() {
        check(
            #"{"agent":"test_agent","confirm_code":"104000","external_id":"externa312"}"#, rules: agws,
            signature: "ca44ba68f753918100ffef3fde4cb73e550bcc3d0378264cf99243a2bb8aa0b8")
    }

    func testAGWSWidgetVector() {
        check(
            #"{"agent":"test1","amount":10000,"refer_host":"site.kz","return_url":"https://www.youresite.com/","service":"service1","username":"e41e6e7b-a0b9-46cf-ac10-bb8333fd6391"}"#,
            rules: agws, signature: "2f49cff2700f3c910b5c5250bbd060fc8a56035439153bc0a01a7950ad68171a")
    }

    // MARK: Acquiring vectors

    func testAcquiringExcludesAdditionalData() {
        check(
            #"{"project_client_id":"9999","merchant_id":1,"project_id":1,"additional_data":{"key":"This should be excluded"}}"#,
            rules: acquiring, canonical: #"{"merchant_id":1,"project_client_id":"9999","project_id":1}"#,
            signature: "3883ad4d5f8a6a128965ae068df476d3b036bfe198b43bc5ab75d06f1d46db6f")
    }

    func testAcquiringCardsVector() {
        check(
            #"{"merchant_id":123,"project_client_id":"999","project_id":124}"#, rules: acquiring,
            signature: "a7c55a418c96ea6d94d768854925ae504f65aac8bf76ff56e86c0a39cb52fee5")
    }

    func testAcquiringStatusVector() {
        check(
            #"{"merchant_id":1,"project_id":42,"project_reference_id":"sanch92116","type":"in"}"#, rules: acquiring,
            signature: "e1ef6a688a5a25c234a47e8e6a7d338b8d94ec12f0885403c96bdec5c49477f1")
    }

    func testAcquiringOneClickLeavesOutEmptyCallbackURL() {
        check(
            #"{"amount":10,"callback_url":"","card_token":"sdsd13123","description":"test","merchant_id":9999,"project_client_id":"9999","project_id":9999,"project_reference_id":"9999"}"#,
            rules: acquiring,
            canonical: #"{"amount":10,"card_token":"sdsd13123","description":"test","merchant_id":9999,"project_client_id":"9999","project_id":9999,"project_reference_id":"9999"}"#,
            signature: "7dd1765c37f6da7705e6f196b25b813bae7855041f3607fa530f523893c23f5b")
    }

    func testAcquiringPayInVector() {
        check(
            #"{"amount":10,"callback_url":"https://test.site/callback_url","confirm_url":"https://test.site/confirm_url","description":"999","failure_redirect_url":"https://www.test.com","merchant_id":9999,"project_client_id":"999","project_id":9999,"project_reference_id":"999","shipment":"Tarlan ave, Payments str.","success_redirect_url":"https://www.test.com","additional_data":{"user_email":"a@b.kz","nested":[1,2,{"x":""}]}}"#,
            rules: acquiring, signature: "b5fd29c99153c7f577e14aca1585c56054b9d0786417a1bab36747af5158fdb7")
    }

    // MARK: Signed object

    func testSignedObjectKeepsNestedEmptyStringsAndNonStrings() {
        let body: JSONValue = ["a": "", "b": ["c": ""], "d": 0, "e": .null, "f": false, "additional_data": 1]
        XCTAssertEqual(Signer.signedObject(body, rules: agws), ["b": ["c": ""], "d": 0, "e": .null, "f": false])
        let keepEmpty = SigningRules(
            headerName: "X-Signature", valuePrefix: "", excludedTopLevelFields: [], excludesEmptyStrings: false)
        XCTAssertEqual(Signer.signedObject(body, rules: keepEmpty), body)
    }

    func testNonObjectBodiesAreSignedAsTheyAre() {
        let body: JSONValue = [["additional_data": 1], ""]
        XCTAssertEqual(Signer.signedObject(body, rules: agws), body)
        XCTAssertEqual(String(decoding: Signer.signingBytes(body, rules: agws), as: UTF8.self), #"[{"additional_data":1},""]"#)
    }

    // MARK: Verify

    func testVerify() {
        let body = parse(#"{"merchant_id":123,"project_client_id":"999","project_id":124}"#)
        let signature = "a7c55a418c96ea6d94d768854925ae504f65aac8bf76ff56e86c0a39cb52fee5"
        func verify(_ header: String, secret: TarlanSecret? = nil) -> Bool {
            Signer.verify(headerValue: header, body: body, secret: secret ?? self.secret, rules: acquiring)
        }
        XCTAssertTrue(verify("Bearer " + signature))
        XCTAssertTrue(verify(signature), "the prefix is optional")
        XCTAssertTrue(verify("bearer " + signature.uppercased()), "hex and prefix are case-insensitive")
        XCTAssertTrue(verify("  Bearer \(signature) "), "surrounding spaces are ignored")
        XCTAssertFalse(verify("Bearer " + signature.dropLast()), "too short")
        XCTAssertFalse(verify("Bearer " + signature + "0"), "too long")
        XCTAssertFalse(verify("Bearer " + signature.dropLast() + "0"), "last digit differs")
        XCTAssertFalse(verify(""))
        XCTAssertFalse(verify("Bearer "))
        XCTAssertFalse(verify("Bearer " + signature, secret: "54321"))
        XCTAssertFalse(verify(Signer.signature(for: body, secret: "", rules: acquiring), secret: ""), "empty secret")
        XCTAssertFalse(
            Signer.verify(headerValue: signature, body: ["merchant_id": 124], secret: secret, rules: acquiring),
            "different body")
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(ConstantTime.equals([], []))
        XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2]))
        XCTAssertFalse(ConstantTime.equals([], [0]))
    }

    // MARK: Secret redaction

    func testSecretIsNeverPrinted() {
        let secret = TarlanSecret("s3cr3t-value")
        var dumped = ""
        dump(secret, to: &dumped)
        let renderings = [
            "\(secret)", String(describing: secret), String(reflecting: secret), dumped,
            "\(Mirror(reflecting: secret).children.map { "\($0.label ?? ""): \($0.value)" })",
            "\([secret])", "\(Optional(secret) as Any)",
        ]
        for rendering in renderings {
            XCTAssertFalse(rendering.contains("s3cr3t"), rendering)
        }
        XCTAssertEqual("\(secret)", "TarlanSecret(<redacted>)")
        XCTAssertTrue(Mirror(reflecting: secret).children.isEmpty)
    }

    func testSecretBasics() {
        let literal: TarlanSecret = "12345"
        XCTAssertEqual(literal, TarlanSecret("12345"))
        XCTAssertFalse(literal.isEmpty)
        XCTAssertTrue(TarlanSecret("").isEmpty)
    }
}
