/// Indented JSON for people (the `tarlan` tool's output): keys sorted, two spaces, same escaping as
/// canonical JSON, and numbers exactly as their text (an amount prints as it was read, never via `Double`).
package enum JSONPrettyPrinter {
    package static func string(_ value: JSONValue) -> String {
        var text = ""
        write(value, indent: 0, into: &text)
        return text
    }

    private static func write(_ value: JSONValue, indent: Int, into text: inout String) {
        let padding = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch value {
        case .array(let elements) where !elements.isEmpty:
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += padding
                write(element, indent: indent + 1, into: &text)
                text += index == elements.count - 1 ? "\n" : ",\n"
            }
            text += closing + "]"
        case .object(let members) where !members.isEmpty:
            text += "{\n"
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (index, key) in keys.enumerated() {
                text += padding + CanonicalJSON.string(.string(key)) + ": "
                write(members[key]!, indent: indent + 1, into: &text)
                text += index == keys.count - 1 ? "\n" : ",\n"
            }
            text += closing + "}"
        case .number(let number) where number.double.isFinite:
            text += number.text
        default:
            text += CanonicalJSON.string(value)
        }
    }
}
