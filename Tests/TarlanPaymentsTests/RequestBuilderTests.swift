import Foundation
import TarlanPayments
import TarlanTransportTesting
import XCTest

/// `RequestBuilder.prepare`: wire format, signing and URLs.
final class RequestBuilderTests: XCTestCase {
    private let secret = TarlanSecret("12345")
    private let base = URL(string: "https://api.example")!

    /// A request of our own, with a field the signature leaves out and an empty string.
    private struct CashIn: JSONWritable {
        var username: String
        var amount: Int
        var agent: String
        var comment: String
        var additionalData: [String: String]?
        var flags: [Bool]
        var nested: Nested

        struct Nested: JSONWritable {
            var zeta: Double
            var alpha: String

            func json() throws(JSONWriteError) -> JSONValue {
                var object = JSONObjectWriter()
                try object.set("zeta", zeta)
                object.set("alpha", alpha)
                return object.value
            }
        }

        func json() throws(JSONWriteError) -> JSONValue {
            var object = JSONObjectWriter()
            object.set("username", username)
            object.set("amount", amount)
            object.set("agent", agent)
            object.set("comment", comment)
            object.set("additional_data", additionalData.map { JSONValue.object($0.mapValues(JSONValue.string)) })
            try object.set("flags", flags)
            try object.set("nested", nested)
            return object.value
        }
    }

    private func operation(
        section: TarlanSection = AGWSClient.section, method: HTTPMethod = .post, path: String = "/api/v1/cash-in",
        location: RequestLocation = .body
    ) -> OperationDescriptor {
        OperationDescriptor(
            id: "cashIn", summary: "test", section: section, method: method, path: path, requestLocation: location,
            requestFields: [], errorFormats: [.old], isIdempotent: false, documentation: nil)
    }

    private func cashIn(comment: String = "", additionalData: [String: String]? = ["order": "A-1", "note": "x"]) -> CashIn {
        CashIn(
            username: "989898", amount: 100, agent: "tarlan", comment: comment, additionalData: additionalData,
            flags: [true, false], nested: .init(zeta: 1.5, alpha: "<&>"))
    }

    // MARK: POST bodies

    func testPostBodyIsCanonicalJSONAndSignatureLeavesOutExcludedFields() throws {
        let prepared = try RequestBuilder.prepare(operation(), cashIn(), baseURL: base, secret: secret)
        let request = prepared.request
        XCTAssertEqual(request.method, .post)
        XCTAssertEqual(request.url.absoluteString, "https://api.example/api/v1/cash-in")
        XCTAssertEqual(request.headers["Content-Type"], "application/json")
        XCTAssertEqual(request.headers["Accept"], "application/json")
        XCTAssertNil(request.timeout)

        // Sorted keys at every level, compact, Go's HTML-safe escaping; additional_data and "" stay on the wire.
        let wire = request.body.map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(
            wire,
            #"{"additional_data":{"note":"x","order":"A-1"},"agent":"tarlan","amount":100,"comment":"","flags":[true,false],"nested":{"alpha":"\u003c\u0026\u003e","zeta":1.5},"username":"989898"}"#
        )
        // …but not in what is signed.
        XCTAssertEqual(
            prepared.signedJSON,
            #"{"agent":"tarlan","amount":100,"flags":[true,false],"nested":{"alpha":"\u003c\u0026\u003e","zeta":1.5},"username":"989898"}"#
        )
        // The signature is hex(sha256(base64(signed) + secret)) and is what the header carries.
        let expected = TarlanSHA256.hex(TarlanSHA256.hash(Array(Data(prepared.signedJSON.utf8).base64EncodedString().utf8) + Array("12345".utf8)))
        XCTAssertEqual(prepared.signature, expected)
        XCTAssertEqual(prepared.signature.count, 64)
        XCTAssertEqual(request.headers["X-Signature"], prepared.signature)
        XCTAssertEqual(request.headers["x-signature"], prepared.signature, "header lookup ignores case")
        XCTAssertNil(request.headers["Authorization"])
        // The server's own check (re-parse the body, drop exclusions, re-sign) agrees.
        XCTAssertTrue(Signer.verify(
            headerValue: prepared.signature, body: parseJSON(request.body), secret: secret, rules: AGWSClient.section.signing))
    }

    func testExcludedFieldsDoNotChangeTheSignature() throws {
        let plain = try RequestBuilder.prepare(operation(), cashIn(comment: "", additionalData: nil), baseURL: base, secret: secret)
        let withExtras = try RequestBuilder.prepare(
            operation(), cashIn(comment: "", additionalData: ["k": "v"]), baseURL: base, secret: secret)
        XCTAssertEqual(plain.signature, withExtras.signature)
        XCTAssertEqual(plain.signedJSON, withExtras.signedJSON)
        XCTAssertNotEqual(plain.request.body, withExtras.request.body)
        XCTAssertFalse(plain.request.body.map { String(decoding: $0, as: UTF8.self) }?.contains("additional_data") ?? true)

        // A non-empty comment is signed.
        let commented = try RequestBuilder.prepare(operation(), cashIn(comment: "hi"), baseURL: base, secret: secret)
        XCTAssertNotEqual(commented.signature, plain.signature)
        XCTAssertTrue(commented.signedJSON.contains(#""comment":"hi""#))

        // So is every other field, and the secret matters.
        var other = cashIn()
        other.amount = 101
        XCTAssertNotEqual(try RequestBuilder.prepare(operation(), other, baseURL: base, secret: secret).signature, plain.signature)
        XCTAssertNotEqual(
            try RequestBuilder.prepare(operation(), cashIn(), baseURL: base, secret: "54321").signature, plain.signature)
    }

    func testGeneratedRequestMatchesTheDocumentedSignature() throws {
        // Computed fixture of the schema (secret 12345).
        let prepared = try RequestBuilder.prepare(
            TarlanOperations.checkBalance, CheckBalanceRequest(agent: "daw"), baseURL: base, secret: secret)
        XCTAssertEqual(prepared.signature, "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee")
        XCTAssertEqual(prepared.request.url.absoluteString, "https://api.example/showcase-gateway/api/v1/showcase/balance")
    }

    func testOptionalNilFieldsAreLeftOut() throws {
        let prepared = try RequestBuilder.prepare(
            TarlanOperations.confirmInvoice, ConfirmInvoiceRequest(agent: "a", externalID: "e"), baseURL: base, secret: secret)
        XCTAssertEqual(prepared.request.body.map { String(decoding: $0, as: UTF8.self) }, #"{"agent":"a","external_id":"e"}"#)
    }

    // MARK: GET queries

    func testGetQueryIsSortedEncodedAndSignedAsATypedObject() throws {
        let query = TransactionStatusQuery(merchantID: 1, projectID: 42, projectReferenceID: "a b&c/ä=+", type: .payIn)
        let prepared = try RequestBuilder.prepare(TarlanOperations.getTransactionStatus, query, baseURL: base, secret: secret)
        let request = prepared.request
        XCTAssertEqual(request.method, .get)
        XCTAssertNil(request.body)
        XCTAssertNil(request.headers["Content-Type"])
        XCTAssertEqual(
            request.url.absoluteString,
            "https://api.example/transaction/api/v1/system/transaction/status?merchant_id=1&project_id=42&project_reference_id=a%20b%26c%2F%C3%A4%3D%2B&type=in"
        )
        // Signed as JSON typed by the model: numbers stay numbers.
        XCTAssertEqual(
            prepared.signedJSON, #"{"merchant_id":1,"project_id":42,"project_reference_id":"a b\u0026c/ä=+","type":"in"}"#)
        XCTAssertEqual(request.headers["Authorization"], "Bearer " + prepared.signature)
        XCTAssertNil(request.headers["X-Signature"])
        // The typed object read back from the URL verifies.
        let typed = QueryTyping.object(from: request.url, fields: TarlanOperations.getTransactionStatus.requestFields)
        XCTAssertEqual(typed, ["merchant_id": 1, "project_id": 42, "project_reference_id": "a b&c/ä=+", "type": "in"])
        XCTAssertTrue(Signer.verify(
            headerValue: request.headers["Authorization"]!, body: typed, secret: secret, rules: AcquiringClient.section.signing))
        XCTAssertEqual(
            prepared.signature,
            Signer.signature(for: typed, secret: secret, rules: AcquiringClient.section.signing))
    }

    func testQueryStringRules() {
        XCTAssertEqual(
            RequestBuilder.queryString(["b": 2.5, "a": true, "c": "~-._", "A": "Z", "é": "%"]),
            "A=Z&a=true&b=2.5&c=~-._&%C3%A9=%25")
        XCTAssertEqual(RequestBuilder.queryString(["n": nil, "big": 1e21]), "big=1e%2B21&n=null")
        XCTAssertEqual(RequestBuilder.queryString([:]), "")
    }

    func testGetWithoutFieldsHasNoQuestionMark() throws {
        struct Empty: JSONWritable {
            func json() -> JSONValue { [:] }
        }
        let prepared = try RequestBuilder.prepare(
            operation(section: AcquiringClient.section, method: .get, path: "/ping", location: .query), Empty(), baseURL: base,
            secret: secret)
        XCTAssertEqual(prepared.request.url.absoluteString, "https://api.example/ping")
        XCTAssertEqual(prepared.signedJSON, "{}")
        XCTAssertEqual(prepared.request.headers["Authorization"], "Bearer " + prepared.signature)
    }

    // MARK: Signature headers per section

    func testSignatureHeaderPerSection() throws {
        let body = CheckBalanceRequest(agent: "daw")
        let agws = try RequestBuilder.prepare(operation(section: AGWSClient.section), body, baseURL: base, secret: secret)
        let acquiring = try RequestBuilder.prepare(operation(section: AcquiringClient.section), body, baseURL: base, secret: secret)
        XCTAssertEqual(AGWSClient.section.signing.headerName, "X-Signature")
        XCTAssertEqual(AcquiringClient.section.signing.valuePrefix, "Bearer ")
        XCTAssertEqual(agws.request.headers["X-Signature"], agws.signature)
        XCTAssertNil(agws.request.headers["Authorization"])
        XCTAssertEqual(acquiring.request.headers["Authorization"], "Bearer " + acquiring.signature)
        XCTAssertNil(acquiring.request.headers["X-Signature"])
        XCTAssertEqual(agws.signature, acquiring.signature, "same algorithm, same exclusions")
        // Header iteration is stable: sorted by lowercased name.
        XCTAssertEqual(agws.request.headers.map(\.name), ["Accept", "Content-Type", "X-Signature"])
    }

    // MARK: Base URLs

    func testBaseURLWithTrailingSlashesAndPathPrefix() throws {
        let body = CheckBalanceRequest(agent: "daw")
        let cases = [
            ("https://api.example/", "https://api.example/showcase-gateway/api/v1/showcase/balance"),
            ("https://api.example///", "https://api.example/showcase-gateway/api/v1/showcase/balance"),
            ("https://gw.example/proxy/tarlan", "https://gw.example/proxy/tarlan/showcase-gateway/api/v1/showcase/balance"),
            ("https://gw.example/proxy/tarlan/", "https://gw.example/proxy/tarlan/showcase-gateway/api/v1/showcase/balance"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080/showcase-gateway/api/v1/showcase/balance"),
        ]
        for (baseText, expected) in cases {
            let prepared = try RequestBuilder.prepare(
                TarlanOperations.checkBalance, body, baseURL: URL(string: baseText)!, secret: secret)
            XCTAssertEqual(prepared.request.url.absoluteString, expected, baseText)
        }
        // The path prefix is not signed; the signature depends only on the body.
        let a = try RequestBuilder.prepare(TarlanOperations.checkBalance, body, baseURL: URL(string: cases[0].0)!, secret: secret)
        let b = try RequestBuilder.prepare(TarlanOperations.checkBalance, body, baseURL: URL(string: cases[2].0)!, secret: secret)
        XCTAssertEqual(a.signature, b.signature)
    }

    func testEnvironmentSpecificPath() throws {
        var refund = operation(path: "/refund")
        refund.environmentPaths = ["sandbox": "/sandbox/refund"]
        let body = CheckBalanceRequest(agent: "daw")
        let sandbox = try RequestBuilder.prepare(refund, body, baseURL: base, environment: "sandbox", secret: secret)
        XCTAssertEqual(sandbox.request.url.absoluteString, "https://api.example/sandbox/refund")
        let production = try RequestBuilder.prepare(refund, body, baseURL: base, environment: "production", secret: secret)
        XCTAssertEqual(production.request.url.absoluteString, "https://api.example/refund")
        let custom = try RequestBuilder.prepare(refund, body, baseURL: base, secret: secret)
        XCTAssertEqual(custom.request.url.absoluteString, "https://api.example/refund")
    }

    // MARK: Invalid requests

    func testRequestThatIsNotAnObjectIsRejected() {
        let error = tarlanError(try RequestBuilder.prepare(operation(), ["a", "b"], baseURL: base, secret: secret))
        guard case .invalidRequest(let operationID, let reason) = error else {
            return XCTFail("expected .invalidRequest, got \(String(describing: error))")
        }
        XCTAssertEqual(operationID, "cashIn")
        XCTAssertTrue(reason.contains("JSON object"), reason)
    }

    func testRequestWithANonFiniteNumberIsRejected() {
        struct Amount: JSONWritable {
            var amount: Double
            func json() throws(JSONWriteError) -> JSONValue {
                var object = JSONObjectWriter()
                try object.set("amount", amount)
                return object.value
            }
        }
        let error = tarlanError(try RequestBuilder.prepare(operation(), Amount(amount: .nan), baseURL: base, secret: secret))
        guard case .invalidRequest(let operationID, _) = error else {
            return XCTFail("expected .invalidRequest, got \(String(describing: error))")
        }
        XCTAssertEqual(operationID, "cashIn")
    }

    func testRequestWhoseEncodingThrowsIsRejected() {
        struct Failing: JSONWritable {
            func json() throws(JSONWriteError) -> JSONValue { throw JSONWriteError("boom") }
        }
        let error = tarlanError(try RequestBuilder.prepare(operation(), Failing(), baseURL: base, secret: secret))
        guard case .invalidRequest = error else { return XCTFail("expected .invalidRequest, got \(String(describing: error))") }
    }
}
