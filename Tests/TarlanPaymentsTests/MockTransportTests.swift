import Foundation
import TarlanPayments
import XCTest

/// `MockTransport(secret:)`: the in-process server built from the schema.
final class MockTransportTests: XCTestCase {
    private let secret = TarlanSecret("mock-secret")
    private let base = URL(string: "https://mock.invalid")!

    private func agws(secret: TarlanSecret? = nil, mockSecret: TarlanSecret? = nil) -> AGWSClient {
        AGWSClient(
            secret: secret ?? self.secret, environment: .custom(base), transport: MockTransport(secret: mockSecret ?? self.secret))
    }

    private func acquiring(secret: TarlanSecret? = nil) -> AcquiringClient {
        AcquiringClient(secret: secret ?? self.secret, environment: .custom(base), transport: MockTransport(secret: self.secret))
    }

    private let statusQuery = TransactionStatusQuery(merchantID: 1, projectID: 42, projectReferenceID: "sanch92116", type: .payIn)

    // MARK: All four operations succeed

    func testCheckBalance() async throws {
        let result = try await agws().checkBalance(CheckBalanceRequest(agent: "daw"))
        XCTAssertEqual(result, CheckBalanceResult(balance: 0, showcaseCode: "daw"))
    }

    func testConfirmInvoice() async throws {
        let result = try await agws().confirmInvoice(ConfirmInvoiceRequest(agent: "test_agent", externalID: "externa312", confirmCode: "104000"))
        XCTAssertEqual(result.externalID, "200001")
        XCTAssertEqual(result.isSuccess, true)
        XCTAssertEqual(result.otpStatus, true)
        XCTAssertEqual(result.transactionStatusID, .created)
    }

    func testCreatePaymentLink() async throws {
        let result = try await agws().createPaymentLink(CreatePaymentLinkRequest(
            agent: "test1", amount: 10000, referHost: "site.kz", service: "service1",
            username: "e41e6e7b-a0b9-46cf-ac10-bb8333fd6391", returnURL: "https://www.youresite.com/"))
        XCTAssertEqual(result.code, 0)
        XCTAssertEqual(result.message, "Успешно обработано")
        XCTAssertTrue(result.redirectURL?.hasPrefix("https://kaspi.kz/pay/quickpayment?") ?? false, result.redirectURL ?? "nil")
    }

    func testGetTransactionStatus() async throws {
        let result = try await acquiring().getTransactionStatus(statusQuery)
        XCTAssertEqual(result.id, 99999)
        XCTAssertEqual(result.transactionStatus?.code, .success)
        XCTAssertEqual(result.transactionType?.code, .payOut)
        XCTAssertEqual(result.refunds, [])
        XCTAssertEqual(result.additionalData, ["abc": "111", "lkk": "123"])
    }

    func testEveryOperationIsServed() async throws {
        // The catalog and the mock agree: each operation's documented request example is accepted.
        let core = { (section: TarlanSection) in
            TarlanClientCore(section: section, baseURL: self.base, secret: self.secret, transport: MockTransport(secret: self.secret))
        }
        XCTAssertTrue(Set(TarlanOperations.all.map(\.id)).isSuperset(of: ["checkBalance", "confirmInvoice", "createPaymentLink", "getTransactionStatus"]))
        XCTAssertEqual(TarlanOperations.dynamic.map(\.descriptor), TarlanOperations.all)
        var served: Set<String> = []
        for operation in TarlanOperations.dynamic {
            guard let example = TarlanExamples.all.first(where: { $0.operationID == operation.descriptor.id && $0.role == .request }) else {
                continue
            }
            let request = parseJSON(Data(example.json.utf8))
            do {
                let answer = try await operation.call(core(operation.descriptor.section), request: request)
                XCTAssertFalse(answer.isNull, operation.descriptor.id)
                served.insert(operation.descriptor.id)
            } catch {
                XCTFail("\(operation.descriptor.id): \(error)")
            }
        }
        XCTAssertTrue(served.isSuperset(of: ["checkBalance", "confirmInvoice", "createPaymentLink", "getTransactionStatus"]), "\(served)")
    }

    // MARK: Rejections

    func testWrongSecretIsRejectedAsInvalidSignature() async {
        let error = await asyncTarlanError {
            try await self.agws(secret: "not-the-mock-secret").checkBalance(CheckBalanceRequest(agent: "daw"))
        }
        let apiError = error?.apiError
        XCTAssertEqual(apiError?.code, 1021)
        XCTAssertEqual(apiError?.httpStatus, 400)
        XCTAssertEqual(apiError?.format, .newUnexpected)
        XCTAssertTrue(apiError?.message.contains("mock: invalid signature") ?? false, apiError?.message ?? "nil")

        let acquiringError = await asyncTarlanError { try await self.acquiring(secret: "other").getTransactionStatus(self.statusQuery) }
        XCTAssertEqual(acquiringError?.apiError?.code, 1021)
        XCTAssertEqual(acquiringError?.apiError?.format, .acquiring)
        XCTAssertTrue(acquiringError?.apiError?.message.contains("mock: invalid signature") ?? false)
    }

    func testEmptySecretNeverVerifies() async {
        let error = await asyncTarlanError {
            try await self.agws(secret: "", mockSecret: "").checkBalance(CheckBalanceRequest(agent: "daw"))
        }
        XCTAssertEqual(error?.apiError?.message, "mock: invalid signature")
    }

    /// Sends a raw request to the mock and interprets the answer as the operation would.
    private func sendRaw(
        _ operation: OperationDescriptor, body: String? = nil, url: URL? = nil, headers: HTTPHeaders? = nil
    ) async throws -> TarlanError? {
        let bodyData = body.map { Data($0.utf8) }
        let signed = bodyData.map { Signer.headerValue(for: parseJSON($0), secret: secret, rules: operation.section.signing) }
        let request = HTTPRequest(
            method: operation.method, url: url ?? URL(string: base.absoluteString + operation.path)!,
            headers: headers ?? [operation.section.signing.headerName: signed ?? ""], body: bodyData)
        let answer = try await MockTransport(secret: secret).send(request)
        return tarlanError(try ResponseInterpreter.decode(JSONValue.self, for: operation, from: answer))
    }

    func testMissingRequiredFieldIsRejected() async throws {
        // Correctly signed, but without external_id.
        let error = try await sendRaw(TarlanOperations.confirmInvoice, body: #"{"agent":"a","confirm_code":"1"}"#)
        XCTAssertEqual(error?.apiError?.code, 1021)
        XCTAssertTrue(error?.apiError?.message.hasPrefix("mock: required field") ?? false, error?.apiError?.message ?? "nil")
        XCTAssertTrue(error?.apiError?.message.contains("external_id") ?? false)
    }

    func testNullRequiredFieldIsRejected() async throws {
        let error = try await sendRaw(TarlanOperations.checkBalance, body: #"{"agent":null}"#)
        XCTAssertEqual(error?.apiError?.message, #"mock: required field "agent" is missing"#)
    }

    func testMissingRequiredQueryParameterIsRejected() async throws {
        let operation = TarlanOperations.getTransactionStatus
        let url = URL(string: "https://mock.invalid\(operation.path)?merchant_id=1&project_id=42&type=in")!
        let typed: JSONValue = ["merchant_id": 1, "project_id": 42, "type": "in"]
        let error = try await sendRaw(
            operation, url: url, headers: ["Authorization": Signer.headerValue(for: typed, secret: secret, rules: operation.section.signing)])
        XCTAssertEqual(error?.apiError?.message, #"mock: required field "project_reference_id" is missing"#)
        XCTAssertEqual(error?.apiError?.format, .acquiring)
    }

    func testFieldOfTheWrongKindIsRejected() async throws {
        let error = try await sendRaw(
            TarlanOperations.createPaymentLink,
            body: #"{"agent":"a","amount":"100","refer_host":"h","service":"s","username":"u"}"#)
        XCTAssertEqual(error?.apiError?.message, #"mock: "amount" must be integer, found string"#)
        let fraction = try await sendRaw(
            TarlanOperations.createPaymentLink,
            body: #"{"agent":"a","amount":1.5,"refer_host":"h","service":"s","username":"u"}"#)
        XCTAssertEqual(fraction?.apiError?.message, #"mock: "amount" must be integer, found number"#)
    }

    func testBodyThatIsNotAnObjectIsRejected() async throws {
        let error = try await sendRaw(TarlanOperations.checkBalance, body: "[1]")
        XCTAssertEqual(error?.apiError?.message, "mock: the body is not a JSON object")
    }

    func testMissingSignatureHeaderIsRejected() async throws {
        let error = try await sendRaw(TarlanOperations.checkBalance, body: #"{"agent":"daw"}"#, headers: ["Content-Type": "application/json"])
        XCTAssertEqual(error?.apiError?.message, "mock: missing X-Signature header")
    }

    func testBodyChangedAfterSigningIsRejected() async throws {
        let operation = TarlanOperations.checkBalance
        let signature = Signer.headerValue(for: ["agent": "daw"], secret: secret, rules: operation.section.signing)
        let error = try await sendRaw(operation, body: #"{"agent":"dawX"}"#, headers: ["X-Signature": signature])
        XCTAssertEqual(error?.apiError?.message, "mock: invalid signature")
        // additional_data is not signed, so adding it keeps the signature valid.
        let ok = HTTPRequest(
            method: .post, url: URL(string: base.absoluteString + operation.path)!, headers: ["X-Signature": signature],
            body: Data(#"{"additional_data":{"any":"thing"},"agent":"daw","note":""}"#.utf8))
        let answer = try await MockTransport(secret: secret).send(ok)
        XCTAssertEqual(answer.statusCode, 200)
        XCTAssertEqual(try ResponseInterpreter.decode(CheckBalanceResult.self, for: operation, from: answer).showcaseCode, "daw")
    }

    func testUnknownRouteIs404() async {
        let unknown = OperationDescriptor(
            id: "nowhere", summary: "unknown", section: AGWSClient.section, method: .post, path: "/showcase-gateway/api/v1/nowhere",
            requestLocation: .body, requestFields: [], errorFormats: [.old], isIdempotent: true, documentation: nil)
        let core = TarlanClientCore(section: AGWSClient.section, baseURL: base, secret: secret, transport: MockTransport(secret: secret))
        let error = await asyncTarlanError { try await core.perform(unknown, CheckBalanceRequest(agent: "daw"), returning: JSONValue.self) }
        let failure = error?.httpFailure
        XCTAssertEqual(failure?.httpStatus, 404)
        XCTAssertEqual(failure?.operationID, "nowhere")
        XCTAssertTrue(failure?.bodySnippet.contains("mock: no operation for POST /showcase-gateway/api/v1/nowhere") ?? false,
                      failure?.bodySnippet ?? "nil")

        // A known path with the wrong method is unknown too.
        var wrongMethod = TarlanOperations.checkBalance
        wrongMethod.method = .get
        wrongMethod.requestLocation = .query
        let methodError = await asyncTarlanError {
            try await core.perform(wrongMethod, CheckBalanceRequest(agent: "daw"), returning: CheckBalanceResult.self)
        }
        XCTAssertEqual(methodError?.httpFailure?.httpStatus, 404)
    }
}
