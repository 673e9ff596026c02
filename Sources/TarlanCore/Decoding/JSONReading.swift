import Foundation

/// A value read straight from a parsed ``JSONValue``: generated models, enums, and the scalars and
/// collections they hold. The client parses a response once and reads the result from that tree.
package protocol JSONReadable {
    init(json: JSONValue, context: JSONReadContext) throws(JSONReadError)
}

/// Why a value could not be read, and where (`refunds[0].amount`, relative to where reading began).
package struct JSONReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Path components, innermost first: cheap to extend while the error travels outwards.
    private var reversedComponents: [String]
    package var reason: String

    package init(_ reason: String) {
        self.reason = reason
        reversedComponents = []
    }

    /// The same error seen from the enclosing value: `key` is where it happened.
    package func under(_ key: String) -> JSONReadError {
        var error = self
        error.reversedComponents.append(key)
        return error
    }

    package func under(index: Int) -> JSONReadError {
        under("[\(index)]")
    }

    /// `result.refunds[0].amount`, with `prefix` (e.g. `result`) in front.
    package func path(under prefix: String = "") -> String {
        var text = prefix
        for component in reversedComponents.reversed() {
            if component.hasPrefix("[") || text.isEmpty {
                text += component
            } else {
                text += "." + component
            }
        }
        return text
    }

    package var description: String {
        let path = path()
        return path.isEmpty ? reason : "`\(path)`: \(reason)"
    }
}

/// Collects what a lenient read passed over instead of failing.
package final class LenientReadLog: @unchecked Sendable {
    /// Paths of values that arrived but could not be read as their field's type.
    package private(set) var unreadable: [String] = []

    package init() {}

    func record(_ path: String) {
        unreadable.append(path)
    }
}

/// How a read treats a value of the wrong shape.
///
/// Strict (the default, for responses): fail with a ``JSONReadError``. Lenient (for callbacks whose
/// signature already verified): convert any plausible drift, and otherwise leave the field nil and
/// note it in the log; never fail.
package struct JSONReadContext: Sendable {
    package let log: LenientReadLog?
    /// Where this value sits, kept only when lenient (for the log).
    let path: String

    package static let strict = JSONReadContext(log: nil, path: "")

    package static func lenient(_ log: LenientReadLog) -> JSONReadContext {
        JSONReadContext(log: log, path: "")
    }

    package var isLenient: Bool { log != nil }

    /// The scalar kinds to tolerate: the field's own when strict, every plausible one when lenient.
    func kinds(_ accepting: JSONScalarKinds) -> JSONScalarKinds {
        log == nil ? accepting : .all
    }

    func child(_ component: String) -> JSONReadContext {
        guard log != nil else { return self }
        let separator = path.isEmpty || component.hasPrefix("[") ? "" : "."
        return JSONReadContext(log: log, path: path + separator + component)
    }

    /// A raw value of an enum or a top-level scalar, or the failure to report.
    package func scalar<T>(
        _ json: JSONValue, _ read: (JSONValue, JSONScalarKinds) -> T?, expected: String, accepting: JSONScalarKinds = []
    ) throws(JSONReadError) -> T {
        if let value = read(json, kinds(accepting)) { return value }
        throw JSONReadError("expected \(expected), found \(json.jsonTypeName)")
    }
}

/// The members of one JSON object, read field by field by generated code.
///
/// Every accessor gives nil for an absent or `null` member (trying the aliases in order, so a
/// `null` main key falls back to an alias), the value when it has the field's type or a tolerated
/// one, and otherwise throws (strict) or logs and gives nil (lenient).
package struct JSONObjectReader {
    package let members: [String: JSONValue]
    package let context: JSONReadContext
    private let model: String

    package init(_ json: JSONValue, model: String, context: JSONReadContext) throws(JSONReadError) {
        guard case .object(let members) = json else {
            throw JSONReadError("expected an object of \(model), found \(json.jsonTypeName)")
        }
        self.members = members
        self.context = context
        self.model = model
    }

    /// The first of `key` and `aliases` present with a non-null value.
    @inline(__always)
    private func find(_ key: String, _ aliases: [String]) -> (key: String, value: JSONValue)? {
        if let value = members[key], value != .null { return (key, value) }
        for alias in aliases {
            if let value = members[alias], value != .null { return (alias, value) }
        }
        return nil
    }

    /// Reads one found member with `read`, or reports why not.
    @inline(__always)
    private func read<T>(
        _ key: String, _ aliases: [String], expected: String, accepting: JSONScalarKinds,
        _ convert: (JSONValue, JSONScalarKinds) -> T?
    ) throws(JSONReadError) -> T? {
        guard let (found, value) = find(key, aliases) else { return nil }
        if let converted = convert(value, context.kinds(accepting)) { return converted }
        return try mismatch(found, "expected \(expected), found \(value.jsonTypeName)")
    }

    private func mismatch<T>(_ key: String, _ reason: String) throws(JSONReadError) -> T? {
        if let log = context.log {
            log.record(context.child(key).path)
            return nil
        }
        throw JSONReadError(reason).under(key)
    }

    package func string(_ key: String, aliases: [String] = [], accepting: JSONScalarKinds = []) throws(JSONReadError)
        -> String?
    {
        try read(key, aliases, expected: "a string", accepting: accepting) { $0.readString(accepting: $1) }
    }

    package func int(_ key: String, aliases: [String] = [], accepting: JSONScalarKinds = []) throws(JSONReadError)
        -> Int?
    {
        try read(key, aliases, expected: "an integer", accepting: accepting) { $0.readInt(accepting: $1) }
    }

    package func decimal(_ key: String, aliases: [String] = [], accepting: JSONScalarKinds = []) throws(JSONReadError)
        -> Decimal?
    {
        try read(key, aliases, expected: "a number", accepting: accepting) { $0.readDecimal(accepting: $1) }
    }

    package func double(_ key: String, aliases: [String] = [], accepting: JSONScalarKinds = []) throws(JSONReadError)
        -> Double?
    {
        try read(key, aliases, expected: "a number", accepting: accepting) { $0.readDouble(accepting: $1) }
    }

    package func bool(_ key: String, aliases: [String] = [], accepting: JSONScalarKinds = []) throws(JSONReadError)
        -> Bool?
    {
        try read(key, aliases, expected: "true or false", accepting: accepting) { $0.readBool(accepting: $1) }
    }

    /// Never fails for a present value: an unrecognised one is kept in the flag.
    package func flag(_ key: String, aliases: [String] = []) -> TarlanFlag? {
        find(key, aliases).map { TarlanFlag(rawValue: $0.value) }
    }

    package func timestamp(_ key: String, aliases: [String] = []) throws(JSONReadError) -> TarlanTimestamp? {
        try read(key, aliases, expected: "a date-time string", accepting: []) { value, kinds in
            value.readString(accepting: kinds.subtracting(.boolean)).map { TarlanTimestamp($0) }
        }
    }

    /// Which of `key` and `aliases` the value arrived under (nil when none did).
    package func key(_ key: String, aliases: [String]) -> String? {
        find(key, aliases)?.key
    }

    /// Any JSON value, as it arrived.
    package func json(_ key: String, aliases: [String] = []) -> JSONValue? {
        find(key, aliases)?.value
    }

    /// A model or an enum.
    package func value<T: JSONReadable>(_ type: T.Type, _ key: String, aliases: [String] = []) throws(JSONReadError)
        -> T?
    {
        guard let (found, value) = find(key, aliases) else { return nil }
        do {
            return try T(json: value, context: context.child(found))
        } catch {
            return try mismatch(found, error.reason, nested: error, under: found)
        }
    }

    /// An array whose elements are read with `T`.
    package func array<T: JSONReadable>(_ type: T.Type, _ key: String, aliases: [String] = []) throws(JSONReadError)
        -> [T]?
    {
        guard let (found, value) = find(key, aliases) else { return nil }
        do {
            return try [T](json: value, context: context.child(found))
        } catch {
            return try mismatch(found, error.reason, nested: error, under: found)
        }
    }

    private func mismatch<T>(_ key: String, _ reason: String, nested: JSONReadError, under found: String)
        throws(JSONReadError) -> T?
    {
        if let log = context.log {
            log.record(context.child(key).path)
            return nil
        }
        throw nested.under(found)
    }

    /// A documented-required field's value, or the failure naming it.
    package func require<T>(_ value: T?, _ key: String) throws(JSONReadError) -> T {
        guard let value else {
            throw JSONReadError("required field \"\(key)\" of \(model) is missing or null").under(key)
        }
        return value
    }
}

// MARK: - Conformances of the types generated models hold

extension String: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
        self = try context.scalar(json, { $0.readString(accepting: $1) }, expected: "a string")
    }
}

extension Int: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
        self = try context.scalar(json, { $0.readInt(accepting: $1) }, expected: "an integer")
    }
}

extension Bool: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
        self = try context.scalar(json, { $0.readBool(accepting: $1) }, expected: "true or false")
    }
}

extension Double: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
        self = try context.scalar(json, { $0.readDouble(accepting: $1) }, expected: "a number")
    }
}

extension Decimal: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
        self = try context.scalar(json, { $0.readDecimal(accepting: $1) }, expected: "a number")
    }
}

extension JSONValue: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) {
        self = json
    }
}

extension TarlanFlag: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) {
        self.init(rawValue: json)
    }
}

extension TarlanTimestamp: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
        self.init(
            try context.scalar(
                json, { $0.readString(accepting: $1.subtracting(.boolean)) }, expected: "a date-time string"))
    }
}

extension Array: JSONReadable where Element: JSONReadable {
    package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
        guard case .array(let elements) = json else {
            throw JSONReadError("expected an array, found \(json.jsonTypeName)")
        }
        var values: [Element] = []
        values.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do {
                values.append(try Element(json: element, context: context.child("[\(index)]")))
            } catch {
                if let log = context.log {
                    log.record(context.child("[\(index)]").path)
                    continue
                }
                throw error.under(index: index)
            }
        }
        self = values
    }
}

/// `Codable` for generated models, through the same reading and writing as the client uses: one
/// implementation of every field rule, whichever coder a caller picks.
package enum JSONCoding {
    package static func decode<T: JSONReadable>(_ type: T.Type, from decoder: any Decoder) throws -> T {
        let json = try JSONValue(from: decoder)
        do {
            return try T(json: json, context: .strict)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    package static func encode<T: JSONWritable>(_ value: T, to encoder: any Encoder) throws {
        try value.json().encode(to: encoder)
    }
}
