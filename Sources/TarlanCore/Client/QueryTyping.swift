import Foundation

/// Turns GET query parameters back into the typed JSON object that was signed
/// (`merchant_id=1` → the number 1 when the schema says integer, `"999"` stays a string).
package enum QueryTyping {
    package static func object(from url: URL, fields: [RequestField]) -> JSONValue {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        var object: [String: JSONValue] = [:]
        for item in items {
            let kind = fields.first { $0.name == item.name }?.kind ?? .string
            object[item.name] = typedValue(item.value ?? "", kind)
        }
        return .object(object)
    }

    static func typedValue(_ text: String, _ kind: RequestField.Kind) -> JSONValue {
        switch kind {
        case .integer, .number: JSONNumber(text: text).map(JSONValue.number) ?? .string(text)
        case .boolean: text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        default: .string(text)
        }
    }

    /// Whether a value has the kind the schema gives its field.
    package static func fits(_ value: JSONValue, _ kind: RequestField.Kind) -> Bool {
        switch (kind, value) {
        case (.any, _), (.string, .string), (.number, .number), (.boolean, .bool), (.array, .array), (.object, .object):
            true
        case (.integer, .number(let number)): number.double.rounded() == number.double
        default: false
        }
    }
}
