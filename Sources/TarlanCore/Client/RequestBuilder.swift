import Foundation

/// A request ready to send, with what was signed (for tests, the demo and debugging).
package struct PreparedRequest: Sendable, Hashable {
    package var request: HTTPRequest
    /// The canonical JSON that was signed.
    package var signedJSON: String
    /// Lowercase hex SHA-256, as sent (after the section's prefix).
    package var signature: String
}

/// Builds the signed HTTP request of an operation.
///
/// The body on the wire is the canonical JSON of the whole request, so the server sees exactly
/// the bytes that were signed (minus what the section leaves out of the signature).
package enum RequestBuilder {
    package static func prepare<Request: JSONWritable>(
        _ operation: OperationDescriptor,
        _ request: Request,
        baseURL: URL,
        environment: String? = nil,
        secret: TarlanSecret
    ) throws(TarlanError) -> PreparedRequest {
        let json: JSONValue
        do {
            json = try request.json()
        } catch {
            throw .invalidRequest(operationID: operation.id, reason: error.description)
        }
        guard let fields = json.objectValue else {
            throw .invalidRequest(operationID: operation.id, reason: "the request must encode to a JSON object")
        }
        guard baseURL.scheme == "https" || (baseURL.scheme == "http" && isLoopback(baseURL.host)) else {
            throw .invalidRequest(
                operationID: operation.id,
                reason: "the base URL must use https (plain http is allowed only for 127.0.0.1, ::1 and localhost)"
            )
        }
        let rules = operation.section.signing
        let signedBytes = Signer.signingBytes(json, rules: rules)
        let signature = Signer.signature(signingBytes: signedBytes, secret: secret)

        var urlText = baseURL.absoluteString
        while urlText.hasSuffix("/") { urlText.removeLast() }
        urlText += operation.path(in: environment)
        var headers: HTTPHeaders = ["Accept": "application/json"]
        headers[rules.headerName] = rules.valuePrefix + signature
        var body: Data?
        switch operation.requestLocation {
        case .body:
            headers["Content-Type"] = "application/json"
            // Canonical JSON once: the signed bytes are the body unless the section left fields out.
            body = Data(
                Signer.signsWholeObject(fields, rules: rules)
                    ? signedBytes : CanonicalJSON.encode(json, form: rules.canonicalForm))
        case .query:
            if !fields.isEmpty { urlText += "?" + queryString(fields) }
        }
        guard let url = URL(string: urlText) else {
            throw .invalidRequest(operationID: operation.id, reason: "cannot form a URL from the base URL and path")
        }
        return PreparedRequest(
            request: HTTPRequest(method: operation.method, url: url, headers: headers, body: body),
            signedJSON: String(decoding: signedBytes, as: UTF8.self),
            signature: signature
        )
    }

    private static func isLoopback(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        // An IPv4 literal in 127.0.0.0/8; not any name that merely starts with "127." (127.0.0.1.evil.example).
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy {
                (1...3).contains($0.count) && $0.allSatisfy { ("0"..."9").contains($0) } && UInt8($0) != nil
            }
    }

    /// Keys sorted; strings as they are, other scalars as canonical JSON; RFC 3986 percent-encoding.
    package static func queryString(_ fields: [String: JSONValue]) -> String {
        fields.keys.sorted().map { key in
            let value: String
            switch fields[key]! {
            case .string(let text): value = text
            case let other: value = CanonicalJSON.string(other)
            }
            return percentEncoded(key) + "=" + percentEncoded(value)
        }.joined(separator: "&")
    }

    static func percentEncoded(_ text: String) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded.append(UInt8(ascii: "%"))
                encoded.append(upperHexDigits[Int(byte >> 4)])
                encoded.append(upperHexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)
}
