import Foundation
import TarlanPayments
import TarlanTransportTesting
import XCTest

/// `ResponseInterpreter.decode` with the generated operation descriptors (reference section 4.6).
final class ResponseInterpreterTests: XCTestCase {
    private func decodeBalance(_ status: Int, _ body: String) throws(TarlanError) -> CheckBalanceResult {
        try ResponseInterpreter.decode(CheckBalanceResult.self, for: TarlanOperations.checkBalance, from: response(status, body))
    }

    private func decodeConfirm(_ status: Int, _ body: String) throws(TarlanError) -> ConfirmInvoiceResult {
        try ResponseInterpreter.decode(ConfirmInvoiceResult.self, for: TarlanOperations.confirmInvoice, from: response(status, body))
    }

    private func decodeStatus(_ status: Int, _ body: String) throws(TarlanError) -> TransactionStatusResult {
        try ResponseInterpreter.decode(
            TransactionStatusResult.self, for: TarlanOperations.getTransactionStatus, from: response(status, body))
    }

    // MARK: Success envelopes

    func testBalanceSuccessEnvelope() throws {
        let result = try decodeBalance(
            200, #"{"status":true,"status_code":0,"message":"Success","result":{"showcase_code":"daw","balance":1250.75}}"#)
        XCTAssertEqual(result, CheckBalanceResult(balance: 1250.75, showcaseCode: "daw"))
    }

    func testConfirmInvoiceSuccessEnvelope() throws {
        let result = try decodeConfirm(
            200,
            #"{"status":true,"status_code":0,"message":"Success","result":{"external_id":"200001","is_success":true,"message":"","otp_status":false,"transaction_status_id":"2"}}"#
        )
        XCTAssertEqual(result.externalID, "200001")
        XCTAssertEqual(result.isSuccess, true)
        XCTAssertEqual(result.message, "")
        XCTAssertEqual(result.otpStatus, false)
        XCTAssertEqual(result.transactionStatusID, .succeeded)
    }

    func testAcquiringSuccessWithoutStatusCode() throws {
        let result = try decodeStatus(
            200,
            #"{"status":true,"message":"Success","result":{"id":99999,"amount":10,"created_at":"2023-10-04T10:05:02.93843Z","masked_pan":"0000-00XXXXXX-0000","refunds":[{"amount":2.5,"date":"2023-10-05"}],"transaction_status":{"code":"success","name":"ok"},"transaction_type":{"code":"in","name":"Ввод"},"additional_data":{"abc":"111"}}}"#
        )
        XCTAssertEqual(result.id, 99999)
        XCTAssertEqual(result.amount, 10)
        XCTAssertEqual(result.maskedPAN, "0000-00XXXXXX-0000")
        XCTAssertEqual(result.refunds, [TransactionRefund(amount: 2.5, date: "2023-10-05")])
        XCTAssertEqual(result.transactionStatus?.code, .success)
        XCTAssertEqual(result.transactionType?.code, .payIn)
        XCTAssertEqual(result.transactionType?.name, "Ввод")
        XCTAssertEqual(result.additionalData, ["abc": "111"])
    }

    func testSuccessWithoutEnvelopeMembersButResult() throws {
        // The payment link's success has no status/status_code/message.
        let result = try ResponseInterpreter.decode(
            PaymentLinkResult.self, for: TarlanOperations.createPaymentLink,
            from: response(200, #"{"result":{"code":0,"message":"ok","qr_code_image":"","redirect_url":"https://pay.example/x"}}"#))
        XCTAssertEqual(result, PaymentLinkResult(code: 0, message: "ok", qrCodeImage: "", redirectURL: "https://pay.example/x"))
    }

    func testOtherSuccessStatusesAreAccepted() throws {
        let result = try decodeBalance(201, #"{"status":true,"result":{"balance":1}}"#)
        XCTAssertEqual(result.balance, 1)
    }

    func testEnvelopeWithoutResultIsADecodingFailure() {
        for body in [#"{"status":true,"status_code":0,"message":"Success"}"#, #"{"status":true,"result":null}"#] {
            let failure = tarlanError(try decodeBalance(200, body))?.decodingFailure
            XCTAssertEqual(failure?.path, "result", body)
            XCTAssertEqual(failure?.httpStatus, 200, body)
            XCTAssertEqual(failure?.operationID, "checkBalance", body)
        }
    }

    // MARK: No failure reads as success

    func testMakePaymentsDuplicateInTheNewExpectedFormatIsAnError() {
        // The issue's exact body: it used to decode as a successful payment.
        let body = #"{"status":true,"status_code":0,"message":"Success","result":{"error_code":1042,"message":"duplicate external id","data":null}}"#
        let error = tarlanError(try ResponseInterpreter.decode(
            AGWSPaymentResult.self, for: TarlanOperations.makePayment, from: response(200, body)))?.apiError
        XCTAssertEqual(error?.code, 1042)
        XCTAssertEqual(error?.agwsCode, .duplicateExternalID)
        XCTAssertNil(error?.acquiringCode)
        XCTAssertEqual(error?.format, .newExpected)
        XCTAssertEqual(error?.message, "duplicate external id")
    }

    func testTheOldTreesAnswerWithoutAnEnvelopeIsAnError() {
        let body = #"{"result":{"error_code":1042,"message":"Duplicate external_id","data":null}}"#
        let error = tarlanError(try ResponseInterpreter.decode(
            AGWSPaymentResult.self, for: TarlanOperations.makePayment, from: response(200, body)))?.apiError
        XCTAssertEqual(error?.format, .oldTree)
        XCTAssertEqual(error?.agwsCode, .duplicateExternalID)
        // error_code 0 stays a success.
        let success = #"{"result":{"error_code":0,"message":"","data":{"status_code":"2","external_id":"1"}}}"#
        XCTAssertEqual(
            try ResponseInterpreter.decode(AGWSPaymentResult.self, for: TarlanOperations.makePayment, from: response(200, success)).errorCode, 0)
    }

    func testFiscalReceiptWithAnErrorInsideResultIsAnError() {
        let body = #"{"status":true,"status_code":0,"message":"Success","result":{"error_code":1041,"message":"Order not found","data":{}}}"#
        let error = tarlanError(try ResponseInterpreter.decode(
            FiscalReceiptResult.self, for: TarlanOperations.getFiscalReceipt, from: response(200, body)))?.apiError
        XCTAssertEqual(error?.agwsCode, .orderNotFound)
    }

    func testASuccessFlagContradictedByAnErrorCodeIsAnError() {
        let error = tarlanError(try decodeBalance(200, #"{"status":true,"status_code":1014,"message":"Invalid signature","result":{}}"#))
        XCTAssertEqual(error?.apiError?.agwsCode, .invalidSignature)
        XCTAssertEqual(error?.apiError?.format, .old)
    }

    func testStatusSpellingsAndAnUnrecognisedStatus() throws {
        for status in [#""false""#, #""0""#, "0", "false"] {
            let error = tarlanError(try decodeBalance(200, #"{"status":\#(status),"status_code":8015,"message":"x","result":{}}"#))
            XCTAssertEqual(error?.apiError?.code, 8015, status)
        }
        for status in [#""true""#, #""1""#, "1", "null"] {
            XCTAssertEqual(try decodeBalance(200, #"{"status":\#(status),"result":{"balance":1}}"#).balance, 1, status)
        }
        let odd = tarlanError(try decodeBalance(200, #"{"status":"maybe","result":{"balance":1}}"#))?.decodingFailure
        XCTAssertEqual(odd?.path, "status", "an unknown status is never taken for a success")
        let oddError = tarlanError(try decodeBalance(502, #"{"status":"maybe"}"#))
        XCTAssertEqual(oddError?.httpFailure?.httpStatus, 502)
    }

    func testAMissingCodeIsNilNeverSuccess() {
        let error = tarlanError(try decodeBalance(400, #"{"status":false,"message":"rejected"}"#))?.apiError
        XCTAssertNil(error?.code)
        XCTAssertNil(error?.agwsCode, "no code is not AGWSErrorCode.success")
        XCTAssertEqual(error?.message, "rejected")
    }

    // MARK: API errors

    func testOldFormatErrorOnHTTP200() {
        let error = tarlanError(try decodeBalance(
            200, #"{"status":false,"status_code":8015,"message":"account doesn't exist","result":{}}"#))
        XCTAssertEqual(
            error,
            .api(TarlanAPIError(
                operationID: "checkBalance", section: "agws", code: 8015, message: "account doesn't exist", format: .old, httpStatus: 200,
                details: [:])))
    }

    func testOldFormatErrorWithStatusCodeAsString() {
        let apiError = tarlanError(try decodeConfirm(200, #"{"status":false,"status_code":"1041","message":"Order not found"}"#))?.apiError
        XCTAssertEqual(apiError?.code, 1041)
        XCTAssertEqual(apiError?.format, .old)
        XCTAssertNil(apiError?.details, "no result member")
    }

    func testStringStatusFalseIsAnError() throws {
        // The envelope reads a string status ("accepts" string); a string "false" must not pass as success.
        let apiError = tarlanError(try decodeBalance(
            200, #"{"status":"false","status_code":"8015","message":"account doesn't exist","result":{}}"#))?.apiError
        XCTAssertEqual(apiError?.code, 8015)
        XCTAssertEqual(apiError?.format, .old)
        XCTAssertEqual(apiError?.message, "account doesn't exist")
        // …and a string "true" is a success.
        XCTAssertEqual(try decodeBalance(200, #"{"status":"true","result":{"balance":2}}"#).balance, 2)
    }

    func testOldFormatErrorWithoutCode() {
        let apiError = tarlanError(try decodeConfirm(200, #"{"status":false}"#))?.apiError
        XCTAssertNotNil(apiError)
        XCTAssertNil(apiError?.code)
        XCTAssertEqual(apiError?.message, "")
    }

    func testUnexpectedErrorOn4xxAnd5xxForAGWS() {
        for status in [400, 401, 500, 503] {
            let apiError = tarlanError(try decodeConfirm(
                status, #"{"status":false,"status_code":1014,"message":"Invalid signature","result":{}}"#))?.apiError
            XCTAssertEqual(apiError?.format, .newUnexpected, "HTTP \(status)")
            XCTAssertEqual(apiError?.code, 1014)
            XCTAssertEqual(apiError?.message, "Invalid signature")
            XCTAssertEqual(apiError?.httpStatus, status)
            XCTAssertEqual(apiError?.operationID, "confirmInvoice")
        }
    }

    func testErrorBodyOn4xxForOperationWithoutNewUnexpectedIsOld() {
        var operation = TarlanOperations.checkBalance
        operation.errorFormats = [.old]
        let apiError = tarlanError(try ResponseInterpreter.decode(
            CheckBalanceResult.self, for: operation,
            from: response(400, #"{"status":false,"status_code":1021,"message":"request validation error"}"#)))?.apiError
        XCTAssertEqual(apiError?.format, .old)
        XCTAssertEqual(apiError?.httpStatus, 400)
    }

    func testAcquiringErrorFormat() {
        for status in [400, 500] {
            let error = tarlanError(try decodeStatus(
                status, #"{"status":false,"status_code":5103,"message":"transaction not found","result":{}}"#))
            XCTAssertEqual(
                error,
                .api(TarlanAPIError(
                    operationID: "getTransactionStatus", section: "acquiring", code: 5103, message: "transaction not found", format: .acquiring,
                    httpStatus: status, details: [:])))
        }
    }

    func testNewFormatExpectedError() {
        let apiError = tarlanError(try decodeBalance(
            200,
            #"{"status":true,"status_code":0,"message":"Success","result":{"error_code":8015,"message":"account doesn't exist","data":null,"additional_data":{}}}"#
        ))?.apiError
        XCTAssertEqual(apiError?.format, .newExpected)
        XCTAssertEqual(apiError?.code, 8015)
        XCTAssertEqual(apiError?.message, "account doesn't exist")
        XCTAssertEqual(apiError?.httpStatus, 200)
        XCTAssertEqual(apiError?.details?["error_code"], 8015)
        XCTAssertEqual(apiError?.details?["data"], .null)
    }

    func testNewFormatExpectedErrorOfPaymentLinkKeepsItsFields() {
        let apiError = tarlanError(try ResponseInterpreter.decode(
            PaymentLinkResult.self, for: TarlanOperations.createPaymentLink,
            from: response(
                200,
                #"{"status":true,"status_code":0,"message":"Success","result":{"code":-1,"error_code":"1881","message":"provider doesn't exists","qr_code_image":"","redirect_url":""}}"#
            )))?.apiError
        XCTAssertEqual(apiError?.format, .newExpected)
        XCTAssertEqual(apiError?.code, 1881, "an error_code in a string counts too")
        XCTAssertEqual(apiError?.message, "provider doesn't exists")
    }

    func testErrorCodeZeroIsNotAnError() throws {
        let result = try decodeBalance(
            200, #"{"status":true,"status_code":0,"message":"Success","result":{"error_code":0,"message":"","showcase_code":"daw","balance":5}}"#)
        XCTAssertEqual(result, CheckBalanceResult(balance: 5, showcaseCode: "daw"))
        let stringZero = try decodeBalance(200, #"{"status":true,"result":{"error_code":"0","balance":6}}"#)
        XCTAssertEqual(stringZero.balance, 6)
    }

    func testErrorCodeIsNotAnErrorWhereTheOperationDoesNotListNewExpected() throws {
        // getTransactionStatus only lists the Acquiring format: result.error_code is just data there.
        let result = try decodeStatus(200, #"{"status":true,"result":{"error_code":77,"id":5}}"#)
        XCTAssertEqual(result.id, 5)
    }

    func testStatusFalseWinsOverHTTPSuccess() {
        // Even with a result that would decode, status:false is an error.
        let apiError = tarlanError(try decodeBalance(200, #"{"status":false,"status_code":9427,"message":"showcase not found","result":{"balance":1}}"#))?.apiError
        XCTAssertEqual(apiError?.code, 9427)
        XCTAssertEqual(apiError?.details, ["balance": 1])
    }

    // MARK: HTTP failures

    func testHTMLPageWith502() {
        let html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body>\r\n</html>"
        let error = tarlanError(try ResponseInterpreter.decode(
            CheckBalanceResult.self, for: TarlanOperations.checkBalance,
            from: response(502, html, headers: ["Content-Type": "text/html"])))
        guard let failure = error?.httpFailure else { return XCTFail("expected .http, got \(String(describing: error))") }
        XCTAssertEqual(failure.httpStatus, 502)
        XCTAssertEqual(failure.operationID, "checkBalance")
        XCTAssertTrue(failure.bodySnippet.hasPrefix("<html>"), failure.bodySnippet)
        XCTAssertTrue(failure.bodySnippet.contains("502 Bad Gateway"), failure.bodySnippet)
        XCTAssertFalse(failure.bodySnippet.contains("\r") || failure.bodySnippet.contains("\n"), "control characters are blanked")
        XCTAssertTrue(failure.reason.contains("not JSON"), failure.reason)
        XCTAssertTrue(String(describing: error!).contains("HTTP 502"))
    }

    func testHTMLPageWith200IsStillAnHTTPFailure() {
        let failure = tarlanError(try decodeBalance(200, "<html>maintenance</html>"))?.httpFailure
        XCTAssertEqual(failure?.httpStatus, 200)
        XCTAssertEqual(failure?.bodySnippet, "<html>maintenance</html>")
    }

    func testEmptyBody() {
        for status in [200, 204, 500] {
            let failure = tarlanError(try decodeBalance(status, ""))?.httpFailure
            XCTAssertEqual(failure?.httpStatus, status)
            XCTAssertEqual(failure?.reason, "empty body")
            XCTAssertEqual(failure?.bodySnippet, "")
        }
    }

    func testWhitespaceOnlyBody() {
        XCTAssertNotNil(tarlanError(try decodeBalance(200, " \n"))?.httpFailure)
    }

    func testTruncatedJSON() {
        let failure = tarlanError(try decodeBalance(200, #"{"status":true,"result":{"balance":1"#))?.httpFailure
        XCTAssertEqual(failure?.httpStatus, 200)
        XCTAssertTrue(failure?.reason.contains("not JSON") ?? false, failure?.reason ?? "")
        XCTAssertEqual(failure?.bodySnippet, #"{"status":true,"result":{"balance":1"#)
    }

    func testJSONThatIsNotAnObject() {
        for (body, type) in [(#"[{"status":true}]"#, "array"), (#""Success""#, "string"), ("42", "number"), ("null", "null"), ("true", "boolean")] {
            let failure = tarlanError(try decodeBalance(200, body))?.httpFailure
            XCTAssertEqual(failure?.httpStatus, 200, body)
            XCTAssertTrue(failure?.reason.contains(type) ?? false, "\(body): \(failure?.reason ?? "nil")")
        }
    }

    func testNon2xxWithoutEnvelope() {
        for (status, body) in [(503, #"{"foo":1}"#), (404, #"{"status":true,"result":{"balance":1}}"#), (418, "{}")] {
            let failure = tarlanError(try decodeBalance(status, body))?.httpFailure
            XCTAssertEqual(failure?.httpStatus, status, body)
            XCTAssertEqual(failure?.bodySnippet, body)
        }
    }

    func testRedirectsAreNotFollowedButReported() {
        for status in [301, 302, 307, 308] {
            let redirect = HTTPResponse(
                statusCode: status, headers: ["Location": "https://elsewhere.example/x"],
                body: Data(#"{"status":true,"result":{"balance":1}}"#.utf8))
            let failure = tarlanError(try ResponseInterpreter.decode(
                CheckBalanceResult.self, for: TarlanOperations.checkBalance, from: redirect))?.httpFailure
            XCTAssertEqual(failure?.httpStatus, status)
            XCTAssertTrue(failure?.reason.contains("redirect to https://elsewhere.example/x") ?? false, failure?.reason ?? "nil")
        }
    }

    // MARK: Decoding failures

    func testWrongTypeReportsPathAndStatus() {
        let failure = tarlanError(try decodeBalance(200, #"{"status":true,"result":{"showcase_code":"daw","balance":"abc"}}"#))?.decodingFailure
        XCTAssertEqual(failure?.path, "result.balance")
        XCTAssertEqual(failure?.httpStatus, 200)
        XCTAssertEqual(failure?.operationID, "checkBalance")
        XCTAssertEqual(failure?.reason, "expected a number, found string")
        XCTAssertTrue(failure?.bodySnippet.contains(#""balance":"abc""#) ?? false)

        let other = tarlanError(try decodeBalance(201, #"{"status":true,"result":{"showcase_code":5}}"#))?.decodingFailure
        XCTAssertEqual(other?.path, "result.showcase_code")
        XCTAssertEqual(other?.httpStatus, 201)
        XCTAssertEqual(other?.reason, "expected a string, found number")
    }

    func testWrongTypeInsideAnArrayReportsTheIndex() {
        let failure = tarlanError(try decodeStatus(
            200, #"{"status":true,"result":{"refunds":[{"amount":1},{"amount":"x"}]}}"#))?.decodingFailure
        XCTAssertEqual(failure?.path, "result.refunds[1].amount")
    }

    func testResultOfTheWrongKind() {
        let failure = tarlanError(try decodeBalance(200, #"{"status":true,"result":[1,2]}"#))?.decodingFailure
        XCTAssertEqual(failure?.path, "result")
    }

    func testIsSuccessAcceptsAString() throws {
        let fromString = try decodeConfirm(200, #"{"status":true,"result":{"is_success":"true","external_id":"1"}}"#)
        XCTAssertEqual(fromString.isSuccess, true)
        let falseString = try decodeConfirm(200, #"{"status":true,"result":{"is_success":"false"}}"#)
        XCTAssertEqual(falseString.isSuccess, false)
        let null = try decodeConfirm(200, #"{"status":true,"result":{"is_success":null}}"#)
        XCTAssertNil(null.isSuccess)

        XCTAssertEqual(try decodeConfirm(200, #"{"status":true,"result":{"is_success":"1"}}"#).isSuccess?.boolValue, true)
        XCTAssertEqual(try decodeConfirm(200, #"{"status":true,"result":{"is_success":0}}"#).isSuccess?.boolValue, false)
        // The one-time code is spent: an answer with an unknown spelling is kept, not thrown away.
        let odd = try decodeConfirm(200, #"{"status":true,"result":{"is_success":"maybe","external_id":"1"}}"#)
        XCTAssertNil(odd.isSuccess?.boolValue)
        XCTAssertEqual(odd.isSuccess?.rawValue, "maybe")
        XCTAssertEqual(odd.externalID, "1")
    }

    func testFieldWithoutAcceptsIsStrict() {
        // otp_status has no `accepts`: a string is a decoding failure.
        let failure = tarlanError(try decodeConfirm(200, #"{"status":true,"result":{"otp_status":"true"}}"#))?.decodingFailure
        XCTAssertEqual(failure?.path, "result.otp_status")
    }

    func testAliasTransactionIDDecodesAsExternalID() throws {
        let oldest = try decodeConfirm(200, #"{"result":{"is_success":true,"transaction_id":"externa312","transaction_status_id":"2"}}"#)
        XCTAssertEqual(oldest.externalID, "externa312")
        XCTAssertEqual(oldest.transactionStatusID, .succeeded)
        let both = try decodeConfirm(200, #"{"result":{"external_id":"primary","transaction_id":"alias"}}"#)
        XCTAssertEqual(both.externalID, "primary", "the documented key comes first")
    }

    func testUnknownFieldsAreIgnored() throws {
        let result = try decodeBalance(
            200,
            #"{"status":true,"status_code":0,"message":"Success","trace_id":"abc","result":{"balance":3,"showcase_code":"x","currency":"KZT","nested":{"a":[1,2,{"b":null}]}}}"#
        )
        XCTAssertEqual(result, CheckBalanceResult(balance: 3, showcaseCode: "x"))
    }

    func testUnknownEnumValuesAreKept() throws {
        let confirm = try decodeConfirm(200, #"{"status":true,"result":{"transaction_status_id":"99"}}"#)
        XCTAssertEqual(confirm.transactionStatusID, .unknown("99"))
        XCTAssertEqual(confirm.transactionStatusID?.rawValue, "99")
        let word = try decodeConfirm(200, #"{"status":true,"result":{"transaction_status_id":"success"}}"#)
        XCTAssertEqual(word.transactionStatusID, .unknown("success"))

        let status = try decodeStatus(
            200, #"{"status":true,"result":{"transaction_status":{"code":"fail"},"transaction_type":{"code":"crypto"}}}"#)
        XCTAssertEqual(status.transactionStatus?.code, .unknown("fail"))
        XCTAssertEqual(status.transactionType?.code, .unknown("crypto"))
        XCTAssertEqual(AcquiringTransactionStatus(rawValue: "holded"), .held)
    }

    func testRepeatedKeysAreRefused() {
        // The typed decoder and the error check could read different copies of a repeated key,
        // so a body that repeats one is not the documented envelope.
        let error = tarlanError(try decodeBalance(200, #"{"status":true,"status":false,"status_code":1014,"message":"x"}"#))
        guard case .http(let failure) = error else { return XCTFail("expected .http, got \(String(describing: error))") }
        XCTAssertEqual(failure.httpStatus, 200)
        XCTAssertTrue(failure.reason.contains("duplicate"), failure.reason)
    }

    // MARK: Body snippets

    func testBodySnippetIsLimited() {
        let long = "<html>" + String(repeating: "x", count: 5000) + "</html>"
        let failure = tarlanError(try decodeBalance(502, long))?.httpFailure
        guard let snippet = failure?.bodySnippet else { return XCTFail("expected .http") }
        XCTAssertEqual(snippet.count, BodySnippet.limit + 1)
        XCTAssertTrue(snippet.hasSuffix("…"))
        XCTAssertEqual(String(snippet.dropLast()), String(long.prefix(BodySnippet.limit)))

        let decoding = tarlanError(try decodeBalance(
            200, #"{"status":true,"result":{"balance":"abc"},"pad":""# + String(repeating: "y", count: 1000) + #""}"#))?.decodingFailure
        XCTAssertEqual(decoding?.bodySnippet.count, BodySnippet.limit + 1)
        XCTAssertEqual(decoding?.bodySnippet.hasSuffix("…"), true)
    }

    func testErrorDescriptionsNameTheOperation() {
        let api = tarlanError(try decodeBalance(200, #"{"status":false,"status_code":8015,"message":"account doesn't exist"}"#))
        XCTAssertEqual(
            api?.description, #"checkBalance: API error 8015 "account doesn't exist" (old format, HTTP 200)"#)
        let decoding = tarlanError(try decodeBalance(200, #"{"result":{"balance":"abc"}}"#))
        XCTAssertTrue(decoding?.description.hasPrefix("checkBalance: cannot decode `result.balance` (HTTP 200)") ?? false,
                      decoding?.description ?? "")
    }
}
