/// A coding key made from any string: generated models use it to try a field's aliases.
public struct TarlanCodingKey: CodingKey, Sendable, Hashable {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ stringValue: String) { self.stringValue = stringValue }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

/// JSON scalar kinds a field may tolerate in place of its documented type.
public enum JSONScalarKind: String, Sendable, Hashable {
    case string, integer, number, boolean
}

/// A type that can be read from another JSON scalar kind (the schema's `accepts`).
/// The generator mirrors these rules when it checks examples.
public protocol LenientDecodable: Decodable {
    static func fromString(_ text: String) -> Self?
    static func fromNumber(_ number: Double) -> Self?
    static func fromBool(_ flag: Bool) -> Self?
}

extension LenientDecodable {
    public static func fromString(_ text: String) -> Self? { nil }
    public static func fromNumber(_ number: Double) -> Self? { nil }
    public static func fromBool(_ flag: Bool) -> Self? { nil }
}

extension String: LenientDecodable {
    public static func fromNumber(_ number: Double) -> String? { GoFloat.format(number) }
    public static func fromBool(_ flag: Bool) -> String? { flag ? "true" : "false" }
}

extension Bool: LenientDecodable {
    public static func fromString(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }
}

extension Int: LenientDecodable {
    public static func fromString(_ text: String) -> Int? { Int(text) }
}

extension Double: LenientDecodable {
    public static func fromString(_ text: String) -> Double? { Double(text).flatMap { $0.isFinite ? $0 : nil } }
}

extension KeyedDecodingContainer where Key == TarlanCodingKey {
    /// The first of `keys` present with a non-null value (a null main key falls back to its
    /// aliases); `null` and absence both give nil. One `decodeIfPresent` per key tried.
    public func decodeField<T: Decodable>(_ type: T.Type, keys: [String]) throws -> T? {
        for name in keys {
            if let value = try decodeIfPresent(T.self, forKey: TarlanCodingKey(name)) { return value }
        }
        return nil
    }

    public func decodeRequiredField<T: Decodable>(_ type: T.Type, keys: [String]) throws -> T {
        guard let value = try decodeField(T.self, keys: keys) else { throw missing(keys) }
        return value
    }

    /// Like `decodeField`, and converts a value of an accepted kind instead of failing.
    public func decodeField<T: LenientDecodable>(_ type: T.Type, keys: [String], accepting kinds: [JSONScalarKind]) throws -> T? {
        for name in keys {
            let key = TarlanCodingKey(name)
            do {
                if let value = try decodeIfPresent(T.self, forKey: key) { return value }
            } catch let original as DecodingError {
                // Present with another type: the conversions, or the original error.
                for kind in kinds {
                    if let converted = convert(T.self, kind, key) { return converted }
                }
                throw original
            }
        }
        return nil
    }

    public func decodeRequiredField<T: LenientDecodable>(_ type: T.Type, keys: [String], accepting kinds: [JSONScalarKind]) throws -> T {
        guard let value = try decodeField(T.self, keys: keys, accepting: kinds) else { throw missing(keys) }
        return value
    }

    private func convert<T: LenientDecodable>(_ type: T.Type, _ kind: JSONScalarKind, _ key: TarlanCodingKey) -> T? {
        switch kind {
        case .string: (try? decode(String.self, forKey: key)).flatMap(T.fromString)
        case .number: (try? decode(Double.self, forKey: key)).flatMap(T.fromNumber)
        case .integer: (try? decode(Double.self, forKey: key)).flatMap { $0.rounded() == $0 ? T.fromNumber($0) : nil }
        case .boolean: (try? decode(Bool.self, forKey: key)).flatMap(T.fromBool)
        }
    }

    private func missing(_ keys: [String]) -> DecodingError {
        DecodingError.keyNotFound(
            TarlanCodingKey(keys[0]),
            DecodingError.Context(codingPath: codingPath, debugDescription: "required field \"\(keys[0])\" is missing or null")
        )
    }
}
