import Foundation
import TarlanPayments

/// `tarlan verify-callback CALLBACK [--signature VALUE] [--query QUERY]`: checks a callback the way a
/// merchant's endpoint would, to debug a signature that does not match.
///
/// The body comes on standard input (a GET callback's query with `--query` instead), the secret from
/// `TARLAN_SECRET`, the received header value with `--signature`. Exit 0 and the decoded payload on
/// standard output when the signature verifies; 1 when it does not (standard error says why and
/// shows the canonical text that was hashed, never the secret); 2 when the body is not a JSON
/// object; 64 on a usage error.
enum VerifyCallback {
    static func run(_ arguments: [String]) {
        guard let name = arguments.first, !name.hasPrefix("-") else {
            Output.fail("tarlan verify-callback: name a callback (see `tarlan list`)", status: 64)
        }
        guard let callback = TarlanCallbacks.dynamic.first(where: { $0.descriptor.id == name }) else {
            Output.fail("tarlan verify-callback: unknown callback \"\(name)\" (see `tarlan list`)", status: 64)
        }
        var signature: String?
        var query: String?
        var rest = arguments.dropFirst()
        while let option = rest.popFirst() {
            guard option == "--signature" || option == "--query" else {
                Output.fail("tarlan verify-callback: unknown option \(option)", status: 64)
            }
            guard let value = rest.popFirst() else {
                Output.fail("tarlan verify-callback: \(option) needs a value", status: 64)
            }
            if option == "--signature" { signature = value } else { query = value }
        }
        let descriptor = callback.descriptor
        switch (descriptor.payloadLocation, query) {
        case (.query, nil):
            Output.fail(
                "tarlan verify-callback: \(name) is a GET callback; pass its query with --query 'a=1&b=2'", status: 64)
        case (.body, .some):
            Output.fail(
                "tarlan verify-callback: \(name) is a POST callback; its body comes on standard input, not --query",
                status: 64)
        default:
            break
        }
        guard let secret = ProcessInfo.processInfo.environment["TARLAN_SECRET"], !secret.isEmpty else {
            Output.fail(
                "tarlan verify-callback: set the signing secret in the TARLAN_SECRET environment variable", status: 64)
        }
        let input =
            query.map { Data(("https://merchant.example/callback?" + $0).utf8) }
            ?? FileHandle.standardInput.readDataToEndOfFile()
        let verifier = WebhookVerifier(secret: TarlanSecret(secret))
        do {
            let verified = try callback.verify(verifier, input: input, signatureHeader: signature)
            // Card data never reaches the terminal.
            print(JSONPrettyPrinter.string(Redaction.redact(verified.payload, keys: descriptor.sensitiveFields)))
            if !verified.missingFields.isEmpty {
                Output.error(
                    "note: documented fields missing or null: \(verified.missingFields.joined(separator: ", "))")
            }
            if !verified.unreadableFields.isEmpty {
                Output.error(
                    "note: fields that arrived but could not be read: \(verified.unreadableFields.joined(separator: ", "))"
                )
            }
        } catch .missingSignature {
            let what =
                signature == nil
                ? "no --signature given (the request had no \(descriptor.section.signing.headerName) header?)"
                : "the signature is empty"
            Output.fail("tarlan verify-callback: rejected: \(what)", status: 1)
        } catch .invalidSignature {
            var lines = ["tarlan verify-callback: rejected: the signature does not match"]
            for (form, text) in (try? callback.signedTexts(verifier, input: input)) ?? [] {
                // Only what was hashed before the secret is appended; the secret itself is never printed.
                lines.append(
                    "canonical text hashed (\(form.rawValue) form): \(Redaction.text(of: Data(text.utf8), keys: descriptor.sensitiveFields))"
                )
            }
            lines.append(
                "signature = hex(sha256(base64(canonical text) + secret)), sent as \(descriptor.section.signing.headerName): \(descriptor.section.signing.valuePrefix)<signature>"
            )
            Output.fail(lines.joined(separator: "\n"), status: 1)
        } catch {
            Output.fail("tarlan verify-callback: \(error)", status: 2)
        }
    }
}
