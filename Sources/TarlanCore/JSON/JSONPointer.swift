/// RFC 6901 JSON pointers, used to say where in a document something is ("/result/0/id").
package enum JSONPointer {
    /// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
    package static func escape(_ token: String) -> String {
        // Scalars, not Characters: a "~" followed by a combining mark is still a "~".
        // Bytes for the check: "~" and "/" are ASCII, and no other scalar's UTF-8 contains their bytes.
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var escaped = ""
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// The pointer to member or element `token` of the value at `pointer` ("" is the root).
    package static func append(_ pointer: String, _ token: String) -> String {
        pointer + "/" + escape(token)
    }
}
