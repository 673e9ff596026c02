import XCTest

@testable import TarlanSchemaTools

/// Edits made to the seed pages' text, as a documentation update would make them: each is reported
/// exactly once, with its kind, field and schema pointer, and nothing else is.
final class DocsCheckEditTests: XCTestCase {
    private typealias Support = DocsCheckTestSupport

    private func markdownConfirmation() throws -> String {
        try Support.seed(containing: "# Confirmation of funds debit", form: .markdown).text
    }

    private func plainConfirmation() throws -> String {
        try Support.seed(containing: "Confirmation of funds debit\n", form: .plainText).text
    }

    private let request = "/models/ConfirmInvoiceRequest/fields"
    private let confirmCodeRow = "| `confirm_code`                                   | String | Payment confirmation code                  |\n"

    // MARK: GitBook Markdown

    func testMarkdownRowRemoved() throws {
        let text = Support.edit(try markdownConfirmation(), confirmCodeRow, "")
        Support.assertOneFinding(try Support.check(text), .fieldRemoved, field: "confirm_code", pointer: "\(request)/confirm_code")
    }

    func testMarkdownTypeChanged() throws {
        let text = Support.edit(
            try markdownConfirmation(), "| `agent`<mark style=\"color:red;\">`*`</mark>       | String |",
            "| `agent`<mark style=\"color:red;\">`*`</mark>       | Integer |"
        )
        Support.assertOneFinding(try Support.check(text), .typeChanged, field: "agent", pointer: "\(request)/agent/type")
    }

    func testMarkdownStarAdded() throws {
        let text = Support.edit(
            try markdownConfirmation(), confirmCodeRow,
            "| `confirm_code`<mark style=\"color:red;\">`*`</mark> | String | Payment confirmation code |\n"
        )
        Support.assertOneFinding(
            try Support.check(text), .requiredChanged, field: "confirm_code", pointer: "\(request)/confirm_code/required"
        )
    }

    func testMarkdownFieldAdded() throws {
        let text = Support.edit(
            try markdownConfirmation(), confirmCodeRow, confirmCodeRow + "| `otp_channel` | String | Where the code was sent |\n"
        )
        Support.assertOneFinding(try Support.check(text), .fieldAdded, field: "otp_channel", pointer: "\(request)/otp_channel")
    }

    func testMarkdownResponseTypeChangedInHTMLTable() throws {
        let text = Support.edit(try markdownConfirmation(), "<td>-otp_status</td><td>bool</td>", "<td>-otp_status</td><td>String</td>")
        Support.assertOneFinding(
            try Support.check(text), .typeChanged, field: "otp_status", pointer: "/models/ConfirmInvoiceResult/fields/otp_status/type"
        )
    }

    func testMarkdownURLChanged() throws {
        let text = Support.edit(
            try markdownConfirmation(), "<https://agwsapi.tarlanpayments.kz/showcase-gateway/api/v1/action/confirm/invoice>",
            "<https://agwsapi.tarlanpayments.kz/showcase-gateway/api/v2/action/confirm/invoice>"
        )
        let check = try Support.check(text)
        // Found by its title now.
        XCTAssertEqual(check.subject, .operation("confirmInvoice"))
        XCTAssertEqual(check.matchedBy, "title")
        Support.assertOneFinding(check, .urlChanged, field: nil, pointer: "/operations/confirmInvoice/path")
    }

    func testMarkdownMethodChanged() throws {
        let text = Support.edit(try markdownConfirmation(), "`POST`</mark>", "`PUT`</mark>")
        Support.assertOneFinding(try Support.check(text), .methodChanged, field: nil, pointer: "/operations/confirmInvoice/method")
    }

    func testMarkdownHeaderAdded() throws {
        let row = "| X-Signature  | [Authorization hash](https://docs.tarlanpayments.kz/eng/agws/creating-a-signature) |\n"
        let text = Support.edit(try markdownConfirmation(), row, row + "| X-Request-ID | A unique id per request |\n")
        Support.assertOneFinding(try Support.check(text), .headerChanged, field: "X-Request-ID", pointer: "/sections/agws/signing/headerName")
    }

    func testMarkdownExampleChanged() throws {
        let original = try markdownConfirmation()
        let text = original.replacingOccurrences(of: "\"otp_status\": true", with: "\"otp_status\": false")
        XCTAssertEqual(original.components(separatedBy: "\"otp_status\": true").count, 2)
        Support.assertOneFinding(
            try Support.check(text), .exampleChanged, field: "otp_status", pointer: "/operations/confirmInvoice/examples/success/body"
        )
    }

    func testMarkdownExampleAdded() throws {
        let tab = """
            {% tab title="400 Bad Request" %}

            ```json
            {"status": false, "status_code": 7777, "message": "a new error", "result": {}}
            ```

            {% endtab %}
            {% endtabs %}

            #### Examples of error responses *after* the changes
            """
        let text = Support.edit(try markdownConfirmation(), "{% endtabs %}\n\n#### Examples of error responses *after* the changes", tab)
        Support.assertOneFinding(try Support.check(text), .exampleAdded, field: nil, pointer: "/operations/confirmInvoice/examples")
    }

    /// The schema's `pageForms` say which published form shows an example; a complete page of that
    /// form without it has removed it.
    func testMarkdownExampleRemoved() throws {
        let text = try markdownConfirmation()
        let start = try XCTUnwrap(text.range(of: "{% tab title=\"200 OK: Expected error\" %}")).lowerBound
        let end = try XCTUnwrap(text.range(of: "{% endtab %}\n\n", range: start..<text.endIndex)).upperBound
        var edited = text
        edited.removeSubrange(start..<end)
        Support.assertOneFinding(
            try Support.check(edited), .exampleRemoved, field: nil, pointer: "/operations/confirmInvoice/examples/errorNewFormatNullData"
        )
    }

    func testPlainExampleRemoved() throws {
        let text = try plainConfirmation()
        let start = try XCTUnwrap(text.range(of: "Examples of error responses after the changes")).lowerBound
        let end = try XCTUnwrap(text.range(of: "curl --location")).lowerBound
        var edited = text
        edited.removeSubrange(start..<end)
        Support.assertOneFinding(
            try Support.check(edited), .exampleRemoved, field: nil, pointer: "/operations/confirmInvoice/examples/errorNewFormat"
        )
    }

    /// A cut page never reports an example removed: it may simply not reach it.
    func testCutPageReportsNoExampleRemoved() throws {
        let text = try markdownConfirmation()
        let end = try XCTUnwrap(text.range(of: "{% tab title=\"200 OK: Expected error\" %}")).lowerBound
        let check = try Support.check(String(text[..<end]))
        XCTAssertNotNil(check.stop)
        XCTAssertEqual(check.findings.map(\.message), [])
    }

    func testUnknownPageFormIsALoaderError() {
        let document = """
            {
              "models": { "Empty": { "fields": {} } },
              "operations": {
                "ping": {
                  "section": "s", "summary": "x", "method": "POST", "path": "/a",
                  "request": { "in": "body", "model": "Empty" },
                  "response": { "result": { "type": "json" } },
                  "errorFormats": ["old"],
                  "examples": {
                    "ok": { "kind": "response", "provenance": "doc", "pageForms": ["html"], "body": {} }
                  }
                }
              }
            }
            """
        let diagnostics = GeneratorTestSupport.loadFailures([GeneratorTestSupport.file("Schema/a.json", document)])
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertTrue(
            diagnostics.first?.message.hasPrefix("unknown page form \"html\" in \"pageForms\"; expected one of markdown, plainText") == true,
            "\(diagnostics.map(\.description))"
        )
    }

    func testMarkdownCurlBodyChanged() throws {
        let seed = try Support.seed(containing: "# Creating a payment link", form: .markdown)
        let text = Support.edit(seed.text, "\"amount\": 10000,", "\"amount\": 20000,")
        Support.assertOneFinding(
            try Support.check(text), .exampleChanged, field: "amount", pointer: "/operations/createPaymentLink/examples/request/body"
        )
    }

    func testMarkdownQueryParameterRemoved() throws {
        let seed = try Support.seed(containing: "# Verification of transaction status", form: .markdown)
        let row = try XCTUnwrap(seed.text.components(separatedBy: "\n").first { $0.hasPrefix("| type<mark") })
        let text = Support.edit(seed.text, row + "\n", "")
        Support.assertOneFinding(try Support.check(text), .fieldRemoved, field: "type", pointer: "/models/TransactionStatusQuery/fields/type")
    }

    // MARK: Rendered text

    func testPlainRowRemoved() throws {
        let text = Support.edit(try plainConfirmation(), "confirm_code\n\nString\n\nPayment confirmation code\n\n", "")
        Support.assertOneFinding(try Support.check(text), .fieldRemoved, field: "confirm_code", pointer: "\(request)/confirm_code")
    }

    func testPlainTypeChanged() throws {
        let text = Support.edit(try plainConfirmation(), "agent*\n\nString", "agent*\n\nInteger")
        Support.assertOneFinding(try Support.check(text), .typeChanged, field: "agent", pointer: "\(request)/agent/type")
    }

    func testPlainStarAdded() throws {
        let text = Support.edit(try plainConfirmation(), "\nconfirm_code\n", "\nconfirm_code*\n")
        Support.assertOneFinding(
            try Support.check(text), .requiredChanged, field: "confirm_code", pointer: "\(request)/confirm_code/required"
        )
    }

    func testPlainFieldAdded() throws {
        let text = Support.edit(try plainConfirmation(), "otp check success flag\n", "otp check success flag\n\n-otp_channel\n\nString\n")
        Support.assertOneFinding(
            try Support.check(text), .fieldAdded, field: "otp_channel", pointer: "/models/ConfirmInvoiceResult/fields/otp_channel"
        )
    }

    func testPlainURLChanged() throws {
        let text = Support.edit(
            try plainConfirmation(), "POST https://agwsapi.tarlanpayments.kz/showcase-gateway/api/v1/action/confirm/invoice",
            "POST https://agwsapi.tarlanpayments.kz/showcase-gateway/api/v1/action/confirm-invoice"
        )
        Support.assertOneFinding(try Support.check(text), .urlChanged, field: nil, pointer: "/operations/confirmInvoice/path")
    }

    func testPlainExampleChanged() throws {
        let text = Support.edit(try plainConfirmation(), "\"transaction_status_id\": \"1\"", "\"transaction_status_id\": \"2\"")
        Support.assertOneFinding(
            try Support.check(text), .exampleChanged, field: "transaction_status_id",
            pointer: "/operations/confirmInvoice/examples/success/body"
        )
    }

    /// A documented type the schema records (`documentedType: float`) changing is drift on that record.
    func testPlainDocumentedTypeChanged() throws {
        let seed = try Support.seed(containing: "Checking the remaining balance on the account\n", form: .plainText)
        let text = Support.edit(seed.text, "-balance\n\nfloat", "-balance\n\nString")
        Support.assertOneFinding(
            try Support.check(text), .typeChanged, field: "balance", pointer: "/models/CheckBalanceResult/fields/balance/documentedType"
        )
    }

    // MARK: Code tables

    private let errorCodesMarkdown = """
        # Error Codes

        | Code | Text message | Description | HTTP |
        | ---- | ------------ | ----------- | ---- |
        | 1041 | Order not found | No payment with this identifier | 200 |
        | 8015 | account doesn't exist | Account not found | 200 |
        | 1014 | Invalid signature | The signature is built incorrectly | 400 |

        Last updated

        """

    private let errorCodesPlain = """
        Error Codes

        Code
        Text message
        Description
        HTTP

        1041

        Order not found

        No payment with this identifier

        200

        8015

        account doesn't exist

        Account not found

        200

        Last updated

        """

    func testCodeTablesAsDocumentedReportNothing() throws {
        for text in [errorCodesMarkdown, errorCodesPlain] {
            let check = try Support.check(text)
            XCTAssertEqual(check.subject, .enumeration("AGWSErrorCode"))
            XCTAssertEqual(check.findings.map(\.message), [])
            XCTAssertTrue(check.compared.contains { $0.hasSuffix("codes") }, "\(check.compared)")
        }
    }

    func testCodeRowChanged() throws {
        for text in [errorCodesMarkdown, errorCodesPlain] {
            let edited = Support.edit(text, "Order not found", "Order is missing")
            Support.assertOneFinding(
                try Support.check(edited), .codeChanged, field: "1041", pointer: "/enums/AGWSErrorCode/cases/orderNotFound/message"
            )
        }
        let status = Support.edit(errorCodesMarkdown, "| Invalid signature | The signature is built incorrectly | 400 |", "| Invalid signature | The signature is built incorrectly | 401 |")
        Support.assertOneFinding(
            try Support.check(status), .codeChanged, field: "1014", pointer: "/enums/AGWSErrorCode/cases/invalidSignature/httpStatus"
        )
        let added = Support.edit(errorCodesMarkdown, "| 8015 |", "| 7777 | new error | A new code | 200 |\n| 8015 |")
        Support.assertOneFinding(try Support.check(added), .codeChanged, field: "7777", pointer: "/enums/AGWSErrorCode/cases")
    }
}
