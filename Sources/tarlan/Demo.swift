import Foundation
import TarlanPayments
import TarlanPaymentsMocks

/// `tarlan demo`: every operation, end to end, against ``MockTransport``: no network, no credentials.
enum Demo {
    /// The documentation's example secret; the mock checks signatures against it.
    static let secret = TarlanSecret("12345")

    static func run() async {
        let transport = MockTransport(secret: secret)
        var failures = 0
        for operation in TarlanOperations.dynamic {
            let descriptor = operation.descriptor
            print("== \(descriptor.id): \(descriptor.summary) [\(descriptor.section.name)]")
            guard
                let example = TarlanExamples.all.first(where: { $0.operationID == descriptor.id && $0.role == .request }
                ),
                let request = try? JSONParser.parse(Array(example.json.utf8))
            else {
                print("   (the schema has no request example)\n")
                continue
            }
            let core = TarlanClientCore(
                section: descriptor.section,
                baseURL: URL(string: "https://mock.tarlanpayments.invalid")!,
                secret: secret,
                transport: transport,
                configuration: TarlanClientConfiguration(middlewares: [PrintingMiddleware()])
            )
            do {
                let result = try await operation.call(core, request: request)
                print("-> decoded result:")
                print(indented(JSONPrettyPrinter.string(Redaction.redact(result, keys: descriptor.sensitiveFields))))
            } catch {
                failures += 1
                print("-> error: \(error)")
            }
            print("")
        }
        failures += verifyCallbacks()
        let total = TarlanOperations.dynamic.count + TarlanCallbacks.dynamic.count
        print(
            failures == 0
                ? "All \(total) operations and callbacks succeeded." : "\(failures) operation(s) or callback(s) failed."
        )
        if failures > 0 { exit(1) }
    }

    /// Plays Tarlan's side: signs each callback payload example, then verifies it as a merchant would.
    static func verifyCallbacks() -> Int {
        let verifier = WebhookVerifier(secret: secret)
        var failures = 0
        for callback in TarlanCallbacks.dynamic {
            let descriptor = callback.descriptor
            print("== callback \(descriptor.id): \(descriptor.summary) [\(descriptor.section.name)]")
            guard
                let example = TarlanExamples.all.first(where: { $0.operationID == descriptor.id && $0.role == .payload }
                ),
                let payload = try? JSONParser.parse(Array(example.json.utf8))
            else {
                print("   (the schema has no payload example)\n")
                continue
            }
            let rules = descriptor.section.signing
            let header = Signer.headerValue(for: payload, secret: secret, rules: rules)
            let input: String
            switch descriptor.payloadLocation {
            case .body: input = CanonicalJSON.string(payload)
            case .query:
                input = "https://merchant.example/callback?" + RequestBuilder.queryString(payload.objectValue ?? [:])
            }
            print("<- \(descriptor.method.rawValue) \(descriptor.payloadLocation == .query ? input : "<callback_url>")")
            print("   \(rules.headerName): \(header)")
            if descriptor.payloadLocation == .body {
                print("   body: \(CanonicalJSON.string(Redaction.redact(payload, keys: descriptor.sensitiveFields)))")
            }
            do {
                let verified = try callback.verify(verifier, input: Data(input.utf8), signatureHeader: header)
                print("-> signature valid; payload:")
                print(
                    indented(
                        JSONPrettyPrinter.string(Redaction.redact(verified.payload, keys: descriptor.sensitiveFields))))
                let tampered = Signer.headerValue(for: .object(["tampered": true]), secret: secret, rules: rules)
                do {
                    _ = try callback.verify(verifier, input: Data(input.utf8), signatureHeader: tampered)
                    failures += 1
                    print("-> error: a wrong signature was accepted")
                } catch {
                    print("-> a wrong signature is rejected: \(error)")
                }
            } catch {
                failures += 1
                print("-> error: \(error)")
            }
            print("")
        }
        return failures
    }

    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }
}

/// Prints each request and the raw response status as the client sends and receives them.
struct PrintingMiddleware: TarlanMiddleware {
    func intercept(
        _ request: HTTPRequest,
        operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        print("-> \(request.method.rawValue) \(request.url.absoluteString)")
        for (name, value) in request.headers {
            print("   \(name): \(value)")
        }
        if let body = request.body {
            // Card data never reaches the terminal.
            let keys = TarlanOperations.all.first { $0.id == operationID }?.sensitiveFields ?? []
            print("   body: \(Redaction.text(of: body, keys: keys))")
        }
        let response = try await next(request)
        print("<- HTTP \(response.statusCode), \(response.body.count) bytes")
        return response
    }
}
