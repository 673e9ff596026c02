/// A yes/no value the documentation types inconsistently (`is_success` is documented as a String
/// and sent as a JSON boolean).
///
/// Whatever arrives is kept: `true`/`false`, `"true"`/`"false"`, `"1"`/`"0"` and `1`/`0` give
/// ``boolValue``; any other value leaves ``boolValue`` nil and is kept as it arrived, so an
/// answer the server has already acted on (a one-time code spent) is never thrown away for its
/// spelling. Decide what an unrecognised value means for you, for example by logging ``description``,
/// which shows it.
public struct TarlanFlag: Hashable, Sendable, Codable, ExpressibleByBooleanLiteral, CustomStringConvertible {
    /// The value exactly as it arrived.
    package var rawValue: JSONValue

    package init(rawValue: JSONValue) {
        self.rawValue = rawValue
    }

    package init(_ value: Bool) {
        rawValue = .bool(value)
    }

    public init(booleanLiteral value: Bool) {
        self.init(value)
    }

    /// `true` or `false` when the value is one of the spellings above; nil otherwise.
    public var boolValue: Bool? {
        rawValue.readBool(accepting: [.string, .integer])
    }

    /// True only for a recognised "yes"; an unrecognised value is not taken for one.
    package var isTrue: Bool { boolValue == true }

    public var description: String {
        boolValue.map(String.init) ?? "unrecognised \(CanonicalJSON.string(rawValue))"
    }

    /// Two flags are equal when both are recognised and agree, or when they arrived identical.
    public static func == (lhs: TarlanFlag, rhs: TarlanFlag) -> Bool {
        switch (lhs.boolValue, rhs.boolValue) {
        case (let left?, let right?): left == right
        case (nil, nil): lhs.rawValue == rhs.rawValue
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        if let value = boolValue {
            hasher.combine(value)
        } else {
            hasher.combine(rawValue)
        }
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try JSONValue(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try rawValue.encode(to: encoder)
    }
}
