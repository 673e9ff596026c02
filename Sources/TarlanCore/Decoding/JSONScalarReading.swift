import Foundation

/// A JSON scalar kind a value may arrive as in place of its documented one (the schema's `accepts`).
package enum JSONScalarKind: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean
}

/// A set of ``JSONScalarKind``s, as the readers take it.
package struct JSONScalarKinds: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    package static let string = JSONScalarKinds(rawValue: 1 << 0)
    package static let integer = JSONScalarKinds(rawValue: 1 << 1)
    package static let number = JSONScalarKinds(rawValue: 1 << 2)
    package static let boolean = JSONScalarKinds(rawValue: 1 << 3)
    /// Everything a drifting server could plausibly send: what a verified callback is read with.
    package static let all: JSONScalarKinds = [.string, .integer, .number, .boolean]

    package init(_ kinds: some Sequence<JSONScalarKind>) {
        self = []
        for kind in kinds {
            switch kind {
            case .string: insert(.string)
            case .integer: insert(.integer)
            case .number: insert(.number)
            case .boolean: insert(.boolean)
            }
        }
    }
}

/// The one set of rules for reading a JSON scalar as a Swift value, tolerating the kinds in `accepting`.
///
/// Generated models, the envelope check, callbacks and the generator's check of the schema's
/// examples all read through these functions, so they cannot disagree.
extension JSONValue {
    /// A string; a number (`accepting` `.number`, or `.integer` for a whole one) as its text;
    /// a boolean (`.boolean`) as `true`/`false`.
    package func readString(accepting: JSONScalarKinds) -> String? {
        switch self {
        case .string(let text): text
        case .number(let number) where accepting.contains(.number): number.text
        case .number(let number) where accepting.contains(.integer) && number.int != nil: number.text
        case .bool(let flag) where accepting.contains(.boolean): flag ? "true" : "false"
        default: nil
        }
    }

    /// A whole number that fits an `Int`; its decimal text (`.string`).
    package func readInt(accepting: JSONScalarKinds) -> Int? {
        switch self {
        case .number(let number): number.int
        case .string(let text) where accepting.contains(.string): Int(text)
        default: nil
        }
    }

    /// A number's exact value; a string holding a JSON number (`.string`), e.g. `"100.50"`.
    package func readDecimal(accepting: JSONScalarKinds) -> Decimal? {
        switch self {
        case .number(let number): number.decimal
        case .string(let text) where accepting.contains(.string): JSONNumber(text: text)?.decimal
        default: nil
        }
    }

    /// A number as Go reads it; a string holding a JSON number (`.string`).
    package func readDouble(accepting: JSONScalarKinds) -> Double? {
        switch self {
        case .number(let number): number.double
        case .string(let text) where accepting.contains(.string): JSONNumber(text: text)?.double
        default: nil
        }
    }

    /// `true`/`false`; the strings `"true"`/`"false"`/`"1"`/`"0"` (`.string`); the numbers 1/0
    /// (`.integer` or `.number`).
    package func readBool(accepting: JSONScalarKinds) -> Bool? {
        switch self {
        case .bool(let flag):
            return flag
        case .string(let text) where accepting.contains(.string):
            switch text {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        case .number(let number) where !accepting.isDisjoint(with: [.integer, .number]):
            switch number.double {
            case 1: return true
            case 0: return false
            default: return nil
            }
        default:
            return nil
        }
    }
}
