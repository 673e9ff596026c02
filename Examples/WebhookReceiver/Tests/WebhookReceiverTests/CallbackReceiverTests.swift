import Foundation
import TarlanPayments
import WebhookReceiver
import XCTest

/// The receiver on a real loopback port, sent real HTTP requests signed the way Tarlan signs them.
final class CallbackReceiverTests: XCTestCase {
    private var harness: ReceiverHarness!

    override func setUp() async throws {
        harness = try await ReceiverHarness()
    }

    override func tearDown() async throws {
        await harness.stop()
        harness = nil
    }

    private let paths = CallbackReceiver.Paths()

    private func assertStatus(
        _ answer: ReceiverHarness.Answer, _ status: Int, _ message: String = "", file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(answer.status, status, message, file: file, line: line)
    }

    private func agwsCallback(externalID: String = "ext-1", status: String = "2", amount: String = "100.5") -> String {
        #"{"additional_data":{"note":"not signed"},"agent":"tarlan","amount":\#(amount),"datetime":"2022-12-01T15:45:00Z","#
            + #""external_id":"\#(externalID)","project":"mobile","service_code":"201106","status_code":"\#(status)","#
            + #""status_message":"Success","username":"989898","fail_reason":""}"#
    }

    private func statusWebhook(transactionID: Int = 99999, status: String = "success") -> String {
        #"{"acquirer_code":"halyk","amount":10.25,"created_at":"2023-10-04T10:05:02.93843Z","description":"Order 7","#
            + #""finished_at":"2023-10-04T10:06:00Z","masked_pan":"4400-43XXXXXX-1234","merchant_id":9999,"#
            + #""project_client_id":"client-1","project_id":42,"project_reference_id":"order-7","status_code":"\#(status)","#
            + #""transaction_id":\#(transactionID),"type_code":"in"}"#
    }

    private func postAGWS(_ body: String, signature: String?) async throws -> ReceiverHarness.Answer {
        try await harness.send("POST", paths.agwsPaymentCallback, body: body, headers: signature.map { ["X-Signature": $0] } ?? [:])
    }

    private func postStatus(_ body: String, signature: String?) async throws -> ReceiverHarness.Answer {
        try await harness.send(
            "POST", paths.acquiringPaymentStatus, body: body, headers: signature.map { ["Authorization": "Bearer " + $0] } ?? [:])
    }

    private func askReady(order: String, type: String = "in", signature: String?) async throws -> ReceiverHarness.Answer {
        let query = "project_reference_id=\(order)&type=\(type)"
        return try await harness.send(
            "GET", paths.acquiringPaymentReady + "?" + query, headers: signature.map { ["Authorization": "Bearer " + $0] } ?? [:])
    }

    private func sign(_ payload: String) throws -> String {
        try TarlanSide.signature(payload, secret: ReceiverHarness.secret)
    }

    private func readySignature(order: String, type: String = "in") throws -> String {
        try sign(#"{"project_reference_id":"\#(order)","type":"\#(type)"}"#)
    }

    // MARK: Each callback

    func testTheAGWSCallbackIsAnsweredWith200AndProcessed() async throws {
        let body = agwsCallback()
        let answer = try await postAGWS(body, signature: try sign(body))
        XCTAssertEqual(answer.status, 200)
        XCTAssertTrue(answer.body.isEmpty)
        let processed = await harness.events.agws
        XCTAssertEqual(processed.map(\.externalID), ["ext-1"])
        XCTAssertEqual(processed.first?.amount, Decimal(string: "100.5"))
        XCTAssertEqual(processed.first?.statusCode?.rawValue, "2")
    }

    func testThePaymentStatusWebhookIsAnsweredWith200AndProcessed() async throws {
        let body = statusWebhook()
        let answer = try await postStatus(body, signature: try sign(body))
        XCTAssertEqual(answer.status, 200)
        XCTAssertTrue(answer.body.isEmpty)
        let processed = await harness.events.statuses
        XCTAssertEqual(processed.map(\.transactionID), [99999])
        XCTAssertEqual(processed.first?.amount, Decimal(string: "10.25"))
        XCTAssertEqual(processed.first?.projectReferenceID, "order-7")
    }

    func testPaymentReadyIsAnsweredWithThePaymentReadyReplyJSON() async throws {
        let answer = try await askReady(order: "order-7", signature: try readySignature(order: "order-7"))
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.contentType, "application/json")
        let reply = try XCTUnwrap(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
        XCTAssertEqual(Set(reply.keys), ["id", "status", "message", "is_payble"], "all four documented fields, is_payble as spelt")
        XCTAssertEqual(reply["id"] as? String, "order-7")
        XCTAssertEqual(reply["is_payble"] as? Bool, true)
        XCTAssertEqual(reply["status"] as? String, "success")

        // An order this merchant does not expect is declined, still with 200 and the reply.
        let unknown = try await askReady(order: "order-8", signature: try readySignature(order: "order-8"))
        XCTAssertEqual(unknown.status, 200)
        let declined = try XCTUnwrap(try JSONSerialization.jsonObject(with: unknown.body) as? [String: Any])
        XCTAssertEqual(declined["is_payble"] as? Bool, false)
        let asked = await harness.events.readyQuestions
        XCTAssertEqual(asked.map(\.projectReferenceID), ["order-7", "order-8"])
    }

    func testASignedCallbackIsNeverRefusedForItsShape() async throws {
        // No external_id, the amount as a string, an unknown field: signed, so accepted and processed.
        let body = #"{"agent":"tarlan","amount":"12.30","status_code":"4","brand_new":{"x":[1,2]}}"#
        let answer = try await postAGWS(body, signature: try sign(body))
        XCTAssertEqual(answer.status, 200)
        let processed = await harness.events.agws
        XCTAssertEqual(processed.count, 1)
        XCTAssertEqual(processed.first?.amount, Decimal(string: "12.3"))
    }

    // MARK: Refused: nothing processed

    func testATamperedCallbackIs401AndNothingIsProcessed() async throws {
        let body = agwsCallback()
        let signature = try sign(body)
        let tampered = body.replacingOccurrences(of: #""amount":100.5"#, with: #""amount":100000.5"#)
        XCTAssertNotEqual(tampered, body)
        assertStatus(try await postAGWS(tampered, signature: signature), 401)

        let status = statusWebhook()
        let statusTampered = status.replacingOccurrences(of: #""status_code":"success""#, with: #""status_code":"failed""#)
        assertStatus(try await postStatus(statusTampered, signature: try sign(status)), 401)

        // Another order's signature on this order's question.
        assertStatus(try await askReady(order: "order-7", signature: try readySignature(order: "order-9")), 401)
        // Signed with another secret.
        let foreign = try TarlanSide.signature(body, secret: "someone-else")
        assertStatus(try await postAGWS(body, signature: foreign), 401)

        let processed = await harness.events.processedCount
        XCTAssertEqual(processed, 0)
        let keys = await harness.store.processedKeys
        XCTAssertEqual(keys, [])
    }

    func testAnUnsignedCallbackIs401AndNothingIsProcessed() async throws {
        assertStatus(try await postAGWS(agwsCallback(), signature: nil), 401)
        assertStatus(try await postAGWS(agwsCallback(), signature: ""), 401)
        assertStatus(try await postStatus(statusWebhook(), signature: nil), 401)
        assertStatus(try await askReady(order: "order-7", signature: nil), 401)
        // The AGWS signature in the Acquiring header (and the other way round) does not count.
        let body = agwsCallback()
        let misplaced = try await harness.send(
            "POST", paths.agwsPaymentCallback, body: body, headers: ["Authorization": "Bearer " + (try sign(body))])
        XCTAssertEqual(misplaced.status, 401)
        let processed = await harness.events.processedCount
        XCTAssertEqual(processed, 0)
    }

    func testAnOversizedBodyIs413AndNothingIsProcessed() async throws {
        // Correctly signed, but larger than the receiver's 64 KiB limit.
        let padding = String(repeating: "x", count: 70 * 1024)
        let body = #"{"agent":"tarlan","external_id":"ext-big","status_code":"2","username":"\#(padding)"}"#
        let answer = try await postAGWS(body, signature: try sign(body))
        XCTAssertEqual(answer.status, 413)
        let statusAnswer = try await postStatus(body, signature: try sign(body))
        XCTAssertEqual(statusAnswer.status, 413)
        let processed = await harness.events.processedCount
        XCTAssertEqual(processed, 0)
    }

    func testABodyThatIsNotAJSONObjectIs400() async throws {
        for body in ["[1,2]", "{\"a\":1,\"a\":2}", "not json"] {
            let answer = try await postAGWS(body, signature: String(repeating: "0", count: 64))
            XCTAssertEqual(answer.status, 400, body)
        }
        let processed = await harness.events.processedCount
        XCTAssertEqual(processed, 0)
    }

    // MARK: Repeats

    func testARepeatedDeliveryIsProcessedOnce() async throws {
        let body = agwsCallback()
        let signature = try sign(body)
        for _ in 0..<3 {
            assertStatus(try await postAGWS(body, signature: signature), 200)
        }
        let status = statusWebhook()
        let statusSignature = try sign(status)
        for _ in 0..<3 {
            assertStatus(try await postStatus(status, signature: statusSignature), 200)
        }
        let readySignature = try readySignature(order: "order-7")
        var replies: [Data] = []
        for _ in 0..<3 {
            replies.append(try await askReady(order: "order-7", signature: readySignature).body)
        }
        XCTAssertEqual(Set(replies).count, 1, "a repeated question gets the first answer")
        var processed = await harness.events.processedCount
        XCTAssertEqual(processed, 3, "one of each")

        // The same transaction's next status is a new event.
        let failed = agwsCallback(status: "3")
        assertStatus(try await postAGWS(failed, signature: try sign(failed)), 200)
        processed = await harness.events.processedCount
        XCTAssertEqual(processed, 4)
        let keys = await harness.store.processedKeys
        XCTAssertEqual(keys, [
            "acquiring-status:99999:success", "agws:ext-1:2", "agws:ext-1:3", "payment-ready:order-7:in",
        ])
    }

    func testConcurrentRepeatsAreProcessedOnce() async throws {
        await harness.events.setDelay(.milliseconds(300))
        let body = statusWebhook(transactionID: 5)
        let signature = try sign(body)
        let harness = self.harness!
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await harness.send(
                        "POST", CallbackReceiver.Paths().acquiringPaymentStatus, body: body,
                        headers: ["Authorization": "Bearer " + signature]).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(statuses.filter { $0 == 200 }.count >= 1, true, "\(statuses)")
        XCTAssertTrue(statuses.allSatisfy { $0 == 200 || $0 == 409 }, "\(statuses): 409 makes Tarlan retry later")
        let processed = await harness.events.statuses
        XCTAssertEqual(processed.count, 1)
    }

    func testAFailedProcessingIs500AndTheRetryProcessesIt() async throws {
        await harness.events.failNextProcessing()
        let body = agwsCallback()
        let signature = try sign(body)
        assertStatus(try await postAGWS(body, signature: signature), 500, "Tarlan will deliver again")
        var processed = await harness.events.agws
        XCTAssertEqual(processed.count, 0)
        assertStatus(try await postAGWS(body, signature: signature), 200)
        assertStatus(try await postAGWS(body, signature: signature), 200)
        processed = await harness.events.agws
        XCTAssertEqual(processed.count, 1)
    }
}
