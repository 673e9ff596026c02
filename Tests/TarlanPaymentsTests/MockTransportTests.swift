import Foundation
import TarlanPayments
import TarlanPaymentsMocks
import TarlanTransportTesting
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

    func testDeleteCardSendsTheCardUnderEitherDocumentedKey() async throws {
        let mock = MockTransport(secret: secret)
        let client = AcquiringClient(secret: secret, environment: .custom(base), transport: mock)
        let tableKey = try await client.deleteCard(DeleteCardRequest(cardToken: "tok", merchantID: 1, projectID: 3))
        XCTAssertEqual(tableKey, "success")
        let curlKey = DeleteCardRequest(cardToken: "tok", merchantID: 1, projectID: 3, cardTokenKey: .encryptedCardID)
        let curl = try await client.deleteCard(curlKey)
        XCTAssertEqual(curl, "success")
        let bodies = mock.receivedRequests(for: "deleteCard").compactMap { $0.body.map { String(decoding: $0, as: UTF8.self) } }
        XCTAssertEqual(bodies, [
            #"{"card_token":"tok","merchant_id":1,"project_id":3}"#,
            #"{"encrypted_card_id":"tok","merchant_id":1,"project_id":3}"#,
        ])
        // The key chosen is read back as well, so a request survives a round trip through JSON.
        let decoded = try JSONDecoder().decode(DeleteCardRequest.self, from: Data(bodies[1].utf8))
        XCTAssertEqual(decoded, curlKey)
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

/// `MockTransport` for downstream tests: scripted answers per operation, the record of requests,
/// and the schema checks that still come first.
final class MockTransportScriptingTests: XCTestCase {
    private let secret = TarlanSecret("mock-secret")
    private let base = URL(string: "https://mock.invalid")!
    private let balance = CheckBalanceRequest(agent: "daw")

    private func agws(_ mock: MockTransport, secret: TarlanSecret? = nil) -> AGWSClient {
        AGWSClient(secret: secret ?? self.secret, environment: .custom(base), transport: mock)
    }

    func testAScriptedResponseTakesPrecedenceOverTheExample() async throws {
        let mock = MockTransport(secret: secret)
        let example = try await agws(mock).checkBalance(balance)
        XCTAssertEqual(example, CheckBalanceResult(balance: 0, showcaseCode: "daw"), "the example")
        mock.respond(to: "checkBalance", with: response(200, #"{"status":true,"result":{"balance":4200.5,"showcase_code":"scripted"}}"#))
        let scripted = try await agws(mock).checkBalance(balance)
        XCTAssertEqual(scripted, CheckBalanceResult(balance: 4200.5, showcaseCode: "scripted"))
        // Other operations still answer with their examples.
        let confirmation = try await agws(mock).confirmInvoice(ConfirmInvoiceRequest(agent: "a", externalID: "e", confirmCode: "1"))
        XCTAssertEqual(confirmation.externalID, "200001")
    }

    func testScriptedFailuresReachTheCallerAsTheirErrors() async throws {
        let mock = MockTransport(secret: secret)
        let client = agws(mock)
        mock.respond(to: "checkBalance", with: response(502, "<html>502 Bad Gateway</html>", headers: ["Content-Type": "text/html"]))
        let gateway = await asyncTarlanError { try await client.checkBalance(self.balance) }
        XCTAssertEqual(gateway?.httpFailure?.httpStatus, 502)
        XCTAssertEqual(gateway?.httpFailure?.bodySnippet, "<html>502 Bad Gateway</html>")

        mock.respond(to: "checkBalance", with: response(200, #"{"status":false,"status_code":8015,"message":"account doesn't exist","result":{}}"#))
        let apiError = await asyncTarlanError { try await client.checkBalance(self.balance) }?.apiError
        XCTAssertEqual(apiError?.code, 8015)
        XCTAssertEqual(apiError?.format, .old)

        mock.respond(to: "checkBalance", with: response(200, #"{"status":true,"result":{"balance":"lots"}}"#))
        let decoding = await asyncTarlanError { try await client.checkBalance(self.balance) }?.decodingFailure
        XCTAssertEqual(decoding?.path, "result.balance")
    }

    func testAClosureSeesTheRequestAndCanFallThroughToTheExample() async throws {
        let mock = MockTransport(secret: secret)
        let seen = Recorder<String>()
        mock.respond(to: "checkBalance") { request in
            let agent = (try? JSONParser.parse(request.body ?? Data()))?["agent"]?.stringValue ?? ""
            seen.append(agent)
            return agent == "rich" ? response(200, #"{"status":true,"result":{"balance":1000000,"showcase_code":"rich"}}"#) : nil
        }
        let client = agws(mock)
        let rich = try await client.checkBalance(CheckBalanceRequest(agent: "rich")).balance
        XCTAssertEqual(rich, 1_000_000)
        let poor = try await client.checkBalance(CheckBalanceRequest(agent: "poor")).showcaseCode
        XCTAssertEqual(poor, "daw", "nil falls through to the example")
        XCTAssertEqual(seen.values, ["rich", "poor"])
    }

    func testLaterScriptsWinAndRemovingThemRestoresTheExamples() async throws {
        let mock = MockTransport(secret: secret)
        let client = agws(mock)
        mock.respond(to: "checkBalance", with: response(200, #"{"status":true,"result":{"balance":1}}"#))
        mock.respond(to: "checkBalance") { _ in nil }
        let deferred = try await client.checkBalance(balance).balance
        XCTAssertEqual(deferred, 1, "a nil script defers to the earlier one")
        mock.respond(to: "checkBalance", with: response(200, #"{"status":true,"result":{"balance":2}}"#))
        let latest = try await client.checkBalance(balance).balance
        XCTAssertEqual(latest, 2, "the latest script wins")

        mock.respond(to: "confirmInvoice", with: response(200, #"{"status":true,"result":{"external_id":"scripted"}}"#))
        mock.removeScripts(for: "checkBalance")
        let restored = try await client.checkBalance(balance).balance
        XCTAssertEqual(restored, 0, "the example again")
        let confirmRequest = ConfirmInvoiceRequest(agent: "a", externalID: "e", confirmCode: "1")
        let kept = try await client.confirmInvoice(confirmRequest).externalID
        XCTAssertEqual(kept, "scripted", "other scripts stay")
        mock.removeScripts()
        let confirmed = try await client.confirmInvoice(confirmRequest).externalID
        XCTAssertEqual(confirmed, "200001")
    }

    func testChecksComeBeforeScripts() async throws {
        let mock = MockTransport(secret: secret)
        let consulted = Recorder<HTTPRequest>()
        mock.respond(to: "checkBalance") { request in
            consulted.append(request)
            return response(200, #"{"status":true,"result":{"balance":1}}"#)
        }
        // A wrong secret: the signature check answers, as the API would, and the script is never asked.
        let error = await asyncTarlanError { try await self.agws(mock, secret: "not-the-mock-secret").checkBalance(self.balance) }
        XCTAssertEqual(error?.apiError?.code, 1021)
        XCTAssertEqual(error?.apiError?.httpStatus, 400)
        XCTAssertEqual(error?.apiError?.message, "mock: invalid signature")
        // A missing required field is refused too.
        let core = TarlanClientCore(section: AGWSClient.section, baseURL: base, secret: secret, transport: mock)
        let missing = await asyncTarlanError {
            try await core.perform(TarlanOperations.checkBalance, ["note": "no agent"] as JSONValue, returning: CheckBalanceResult.self)
        }
        XCTAssertEqual(missing?.apiError?.message, #"mock: required field "agent" is missing"#)
        XCTAssertEqual(consulted.count, 0)
        let answered = try await agws(mock).checkBalance(balance).balance
        XCTAssertEqual(answered, 1)
        XCTAssertEqual(consulted.count, 1)
    }

    func testReceivedRequestsRecordEverythingInOrder() async throws {
        let mock = MockTransport(secret: secret)
        let client = agws(mock)
        XCTAssertTrue(mock.receivedRequests.isEmpty)
        _ = try await client.checkBalance(balance)
        _ = await asyncTarlanError { try await self.agws(mock, secret: "wrong").checkBalance(CheckBalanceRequest(agent: "second")) }
        let acquiring = AcquiringClient(secret: secret, environment: .custom(base), transport: mock)
        _ = try await acquiring.getTransactionStatus(
            TransactionStatusQuery(merchantID: 1, projectID: 42, projectReferenceID: "ref-7", type: .payIn))
        let unrouted = HTTPRequest(method: .post, url: base.appendingPathComponent("nowhere"), body: Data("{}".utf8))
        let status = try await mock.send(unrouted).statusCode
        XCTAssertEqual(status, 404)

        let received = mock.receivedRequests
        XCTAssertEqual(received.map(\.url.path), [
            "/showcase-gateway/api/v1/showcase/balance", "/showcase-gateway/api/v1/showcase/balance",
            "/transaction/api/v1/system/transaction/status", "/nowhere",
        ])
        XCTAssertEqual(received[0].body.map { String(decoding: $0, as: UTF8.self) }, #"{"agent":"daw"}"#)
        XCTAssertEqual(received[1].body.map { String(decoding: $0, as: UTF8.self) }, #"{"agent":"second"}"#, "rejected requests are recorded too")
        XCTAssertNotNil(received[0].headers["X-Signature"])
        XCTAssertEqual(received[2].method, .get)
        XCTAssertTrue(received[2].url.query?.contains("project_reference_id=ref-7") ?? false)
        XCTAssertEqual(mock.receivedRequests(for: "checkBalance").count, 2)
        XCTAssertEqual(mock.receivedRequests(for: "getTransactionStatus").count, 1)
        XCTAssertEqual(mock.receivedRequests(for: "confirmInvoice").count, 0)

        mock.clearReceivedRequests()
        XCTAssertTrue(mock.receivedRequests.isEmpty)
        _ = try await client.checkBalance(balance)
        XCTAssertEqual(mock.receivedRequests.count, 1)
    }

    func testCopiesShareOneStateAndConcurrentCallsAreAllRecorded() async throws {
        let mock = MockTransport(secret: secret)
        let copy = mock
        copy.respond(to: "checkBalance", with: response(200, #"{"status":true,"result":{"balance":7}}"#))
        let client = agws(mock)
        let balances = try await withThrowingTaskGroup(of: Decimal?.self) { group in
            for index in 0..<50 {
                group.addTask { try await client.checkBalance(CheckBalanceRequest(agent: "agent\(index)")).balance }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(balances, Array(repeating: 7, count: 50))
        XCTAssertEqual(copy.receivedRequests.count, 50)
        let agents = Set(copy.receivedRequests.compactMap { try? JSONParser.parse($0.body ?? Data())["agent"]?.stringValue })
        XCTAssertEqual(agents.count, 50)
    }
}
