import Foundation

/// Encodes any `Encodable` straight into a `JSONValue` tree.
///
/// Request bodies must be signed over the same value that is sent, so models are turned into a
/// `JSONValue` once (no round trip through text and `JSONSerialization`, which would blur
/// booleans and numbers on Linux). Numbers become `Double`, as on the Go side; integers beyond
/// 2^53 lose precision just as they would there. `nil` optionals written with `encodeIfPresent`
/// (synthesized `Codable`) are omitted; an explicit `encodeNil` writes `null`.
public struct JSONValueEncoder {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try encodeValue(value, codingPath: []).value
    }
}

/// Turns one value into a node, short-cutting types whose own `Codable` shape is not JSON-like.
private func encodeValue<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> EncodingNode {
    switch value {
    case let json as JSONValue:
        return EncodingNode(json)
    case let url as URL:
        // As JSONEncoder does: a URL is its string, not {"relative": …}.
        return EncodingNode(.string(url.absoluteString))
    case let decimal as Decimal:
        // As JSONEncoder does: a number, not Decimal's internal fields; its digits are kept exactly.
        guard let number = JSONNumber(decimal) else {
            throw EncodingError.invalidValue(decimal, .init(codingPath: codingPath, debugDescription: "NaN is not a valid JSON number."))
        }
        return EncodingNode(.number(number))
    default:
        let node = EncodingNode()
        try value.encode(to: TreeEncoder(node: node, codingPath: codingPath))
        return node
    }
}

/// A value under construction. A class because containers handed out by the encoder must all
/// write into the same place while the tree is still being built.
private final class EncodingNode {
    private enum Content {
        case empty
        case scalar(JSONValue)
        case object
        case array
    }

    private var content = Content.empty
    private var members: [String: EncodingNode] = [:]
    private var elements: [EncodingNode] = []

    init() {}

    init(_ value: JSONValue) {
        content = .scalar(value)
    }

    var value: JSONValue {
        switch content {
        case .empty: .object([:])  // encode(to:) wrote nothing; JSONEncoder writes {} too
        case .scalar(let value): value
        case .object: .object(members.mapValues(\.value))
        case .array: .array(elements.map(\.value))
        }
    }

    var count: Int { elements.count }

    func set(_ value: JSONValue) {
        content = .scalar(value)
    }

    func becomeObject() {
        if case .object = content { return }
        content = .object
        members = [:]
    }

    func becomeArray() {
        if case .array = content { return }
        content = .array
        elements = []
    }

    func setMember(_ key: String, _ node: EncodingNode) {
        members[key] = node
    }

    func appendElement(_ node: EncodingNode) {
        elements.append(node)
    }
}

private struct TreeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedContainer(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }
}

/// Converts a primitive, rejecting numbers JSON cannot hold.
private func number(_ value: Double, codingPath: [any CodingKey]) throws -> JSONValue {
    guard value.isFinite else {
        throw EncodingError.invalidValue(
            value, .init(codingPath: codingPath, debugDescription: "\(value) is not a valid JSON number."))
    }
    return .number(JSONNumber(value))
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { node.set(try number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { node.set(try number(Double(value), codingPath: codingPath)) }
    mutating func encode(_ value: Int) throws { node.set(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int8) throws { node.set(.number(JSONNumber(Double(value)))) }
    mutating func encode(_ value: Int16) throws { node.set(.number(JSONNumber(Double(value)))) }
    mutating func encode(_ value: Int32) throws { node.set(.number(JSONNumber(Double(value)))) }
    mutating func encode(_ value: Int64) throws { node.set(.number(JSONNumber(Double(value)))) }
    mutating func encode(_ value: UInt) throws { node.set(.number(JSONNumber(Double(value)))) }
    mutating func encode(_ value: UInt8) throws { node.set(.number(JSONNumber(Double(value)))) }
    mutating func encode(_ value: UInt16) throws { node.set(.number(JSONNumber(Double(value)))) }
    mutating func encode(_ value: UInt32) throws { node.set(.number(JSONNumber(Double(value)))) }
    mutating func encode(_ value: UInt64) throws { node.set(.number(JSONNumber(Double(value)))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.set(try encodeValue(value, codingPath: codingPath).value)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    // Every primitive goes through the generic path: it lands in SingleValueContainer.
    mutating func encodeNil(forKey key: Key) throws {
        node.setMember(key.stringValue, EncodingNode(.null))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.setMember(key.stringValue, try encodeValue(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode()
        node.setMember(key.stringValue, child)
        return TreeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodingNode()
        node.setMember(key.stringValue, child)
        return TreeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        if let key = Key(stringValue: "super") { return makeSuperEncoder(key) }
        return makeSuperEncoder(SuperKey.super)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        makeSuperEncoder(key)
    }

    private func makeSuperEncoder(_ key: any CodingKey) -> any Encoder {
        let child = EncodingNode()
        node.setMember(key.stringValue, child)
        return TreeEncoder(node: child, codingPath: codingPath + [key])
    }
}

/// Used when a container's key type has no "super" key of its own.
private enum SuperKey: String, CodingKey {
    case `super`
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    private var nextPath: [any CodingKey] { codingPath + [IndexKey(intValue: count)] }

    mutating func encodeNil() throws {
        node.appendElement(EncodingNode(.null))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.appendElement(try encodeValue(value, codingPath: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        superEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        superEncoder().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = EncodingNode()
        let path = nextPath
        node.appendElement(child)
        return TreeEncoder(node: child, codingPath: path)
    }
}

/// The coding-path key for an array element.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
