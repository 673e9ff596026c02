import Foundation

/// A value written straight into a ``JSONValue``: generated models (requests are signed over exactly
/// this tree) and the scalars, enums and collections they hold.
package protocol JSONWritable {
    func json() throws(JSONWriteError) -> JSONValue
}

/// Why a value cannot be sent, and which field (`amount`, `items[2].price`).
package struct JSONWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    private var reversedComponents: [String] = []
    package var reason: String

    package init(_ reason: String) {
        self.reason = reason
    }

    package func under(_ key: String) -> JSONWriteError {
        var error = self
        error.reversedComponents.append(key)
        return error
    }

    package var path: String {
        var text = ""
        for component in reversedComponents.reversed() {
            text += text.isEmpty || component.hasPrefix("[") ? component : "." + component
        }
        return text
    }

    package var description: String {
        path.isEmpty ? reason : "`\(path)`: \(reason)"
    }
}

/// Builds one JSON object member by member; `nil` values are left out (as synthesized `Codable` does).
package struct JSONObjectWriter {
    package private(set) var members: [String: JSONValue]

    package init(capacity: Int = 0) {
        members = Dictionary(minimumCapacity: capacity)
    }

    package var value: JSONValue { .object(members) }

    package mutating func set(_ key: String, _ value: String?) {
        if let value { members[key] = .string(value) }
    }

    package mutating func set(_ key: String, _ value: Int?) {
        if let value { members[key] = .number(JSONNumber(value)) }
    }

    package mutating func set(_ key: String, _ value: Bool?) {
        if let value { members[key] = .bool(value) }
    }

    package mutating func set(_ key: String, _ value: JSONValue?) {
        if let value { members[key] = value }
    }

    package mutating func set(_ key: String, _ value: TarlanTimestamp?) {
        if let value { members[key] = .string(value.rawValue) }
    }

    package mutating func set(_ key: String, _ value: TarlanFlag?) {
        if let value { members[key] = value.rawValue }
    }

    package mutating func set(_ key: String, _ value: Double?) throws(JSONWriteError) {
        guard let value else { return }
        guard value.isFinite else { throw JSONWriteError("\(value) is not a JSON number").under(key) }
        members[key] = .number(JSONNumber(value))
    }

    /// A model, an enum or an array of them.
    package mutating func set<T: JSONWritable>(_ key: String, _ value: T?) throws(JSONWriteError) {
        guard let value else { return }
        do {
            members[key] = try value.json()
        } catch {
            throw error.under(key)
        }
    }

    /// An amount of money: refused, with the field named, when it breaks `rules` (in a request: the
    /// documented ones, and that Go's `float64`, what the server signs and reads, carries it exactly).
    package mutating func set(_ key: String, _ value: Decimal?, rules: AmountRules = []) throws(JSONWriteError) {
        guard let value else { return }
        do {
            members[key] = .number(try AmountRules.number(value, rules))
        } catch {
            throw error.under(key)
        }
    }
}

/// What an amount field must satisfy before it is sent.
package struct AmountRules: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The documentation does not allow a negative value here.
    package static let nonNegative = AmountRules(rawValue: 1 << 0)
    /// The documentation types the field as Integer.
    package static let wholeNumber = AmountRules(rawValue: 1 << 1)
    /// Sent to the server, which reads it as a `float64`: at most 15 significant digits.
    package static let exactInFloat64 = AmountRules(rawValue: 1 << 2)

    /// Significant digits a `float64` carries exactly through decimal text and back (DBL_DIG).
    package static let maximumSignificantDigits = 15

    /// The JSON number for `value`, or why it cannot be sent.
    package static func number(_ value: Decimal, _ rules: AmountRules) throws(JSONWriteError) -> JSONNumber {
        guard let number = JSONNumber(value), number.double.isFinite else {
            throw JSONWriteError("\(value) is not a number JSON can carry")
        }
        let digits = significantDigits(number.text)
        guard !rules.contains(.exactInFloat64) || digits <= maximumSignificantDigits else {
            throw JSONWriteError(
                "\(number.text) has \(digits) significant digits; the server reads amounts as a float64, "
                    + "which keeps at most \(maximumSignificantDigits) exactly")
        }
        if rules.contains(.nonNegative), value < 0 {
            throw JSONWriteError("\(number.text) is negative; the documentation allows no negative amount here")
        }
        if rules.contains(.wholeNumber), !number.isIntegerLiteral {
            throw JSONWriteError("\(number.text) has a fraction; the documentation types this amount as Integer")
        }
        return number
    }

    /// Digits from the first to the last non-zero one (`100` → 1, `0.0105` → 3, `12.50` → 3).
    static func significantDigits(_ text: String) -> Int {
        let digits = text.utf8.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
            .filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard let first = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }),
            let last = digits.lastIndex(where: { $0 != UInt8(ascii: "0") })
        else { return 0 }
        return last - first + 1
    }
}

// MARK: - Conformances of the types generated models hold

extension String: JSONWritable {
    package func json() -> JSONValue { .string(self) }
}

extension Int: JSONWritable {
    package func json() -> JSONValue { .number(JSONNumber(self)) }
}

extension Bool: JSONWritable {
    package func json() -> JSONValue { .bool(self) }
}

extension JSONValue: JSONWritable {
    package func json() -> JSONValue { self }
}

extension TarlanTimestamp: JSONWritable {
    package func json() -> JSONValue { .string(rawValue) }
}

extension TarlanFlag: JSONWritable {
    package func json() -> JSONValue { rawValue }
}

extension Decimal: JSONWritable {
    package func json() throws(JSONWriteError) -> JSONValue {
        .number(try AmountRules.number(self, []))
    }
}

extension Double: JSONWritable {
    package func json() throws(JSONWriteError) -> JSONValue {
        guard isFinite else { throw JSONWriteError("\(self) is not a JSON number") }
        return .number(JSONNumber(self))
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    package func json() throws(JSONWriteError) -> JSONValue {
        var elements: [JSONValue] = []
        elements.reserveCapacity(count)
        for (index, element) in enumerated() {
            do {
                elements.append(try element.json())
            } catch {
                throw error.under("[\(index)]")
            }
        }
        return .array(elements)
    }
}
