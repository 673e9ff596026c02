import Foundation
import TarlanRuntime

/// A tiny, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the same seed gives
/// the same sequence on every platform, so a fuzz failure is reproducible from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly chosen index below `count` (which must be positive).
    public mutating func below(_ count: Int) -> Int {
        Int(next() % UInt64(count))
    }

    /// True with probability `numerator / denominator`.
    public mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        below(denominator) < numerator
    }
}

/// Ways to damage a JSON document.
public enum Mutation: String, CaseIterable, Sendable {
    /// Flip 1–4 random bits.
    case bitFlip
    /// Replace 1–4 bytes with JSON punctuation, digits or letters.
    case byteReplace
    /// Cut the document at a random offset.
    case truncate
    /// Insert 1–8 random bytes.
    case insertRandom
    /// Remove a random range.
    case deleteRange
    /// Copy a random range to a random offset.
    case duplicateRange
    /// Insert a troublesome token (`1e400`, a lone surrogate escape, `NaN`, a BOM…).
    case insertToken
    /// Insert an invalid UTF-8 sequence (overlong, surrogate, beyond U+10FFFF, truncated, lone continuation).
    case invalidUTF8
    /// Wrap the document (or a prefix of it) in hundreds to 10 000 brackets or objects.
    case deepNesting
    /// Replace a number with one no `Double` holds (`1e400`, 400 digits) or a denormal/edge value.
    case hugeNumber
    /// Replace a random value of the parsed document with a value of another JSON type.
    case typeSwap
    /// Remove a random member of a random object of the parsed document.
    case dropMember
    /// Repeat an existing key inside an object (duplicate keys).
    case duplicateKey
}

/// Seeded mutations of JSON documents, for the fuzz tests.
public enum Fuzzer {
    /// Numbers outside `Double` or at its edges.
    public static let hugeNumbers: [String] = [
        "1e400", "-1e400", "1E+400", String(repeating: "9", count: 400), "-" + String(repeating: "1", count: 400),
        "1e-400", "0." + String(repeating: "0", count: 400) + "1", "1.7976931348623159e308", "4.9e-324", "-0",
        "123456789012345678901234567890", "9007199254740993", "1" + String(repeating: "0", count: 309),
    ]

    /// Tokens that break parsers, encoders or decoders.
    public static let tokens: [String] = hugeNumbers + [
        #""\ud800""#, #""\udc00\ud800""#, #""\u0000""#, #""\uZZZZ""#, "\\", "\"", "NaN", "Infinity", "-Infinity", "\u{FEFF}",
        "/*x*/", "//", ",", ",,", ":", "{", "}", "[", "]", "null", "true", "false", "nul", "tru", "01", "-", "1.", ".5", "1e",
        "\u{7F}", "\t", "\u{2028}", "\"\u{1}\"", "{}", "[]", "\"\"",
    ]

    /// Invalid UTF-8: overlong, UTF-16 surrogate, beyond U+10FFFF, truncated sequences, lone continuation, never-valid bytes.
    public static let invalidUTF8: [[UInt8]] = [
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF0, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], [0xBF], [0xFE], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ]

    private static let punctuation = Array(#"{}[]":,\ -+.eE0123456789ntfrul"#.utf8)

    /// A mutation with `typeSwap` and the byte-level ones most likely.
    public static func randomMutation(_ rng: inout SplitMix64) -> Mutation {
        let weighted: [Mutation] = [
            .bitFlip, .bitFlip, .byteReplace, .byteReplace, .truncate, .insertRandom, .deleteRange, .duplicateRange,
            .insertToken, .insertToken, .invalidUTF8, .hugeNumber, .typeSwap, .typeSwap, .typeSwap, .typeSwap, .dropMember,
            .duplicateKey, .deepNesting,
        ]
        return weighted[rng.below(weighted.count)]
    }

    /// `seed` damaged by `mutation` (a structural mutation of text that is not JSON falls back to a byte one).
    public static func mutate(_ seed: [UInt8], _ mutation: Mutation, _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        func offset() -> Int { rng.below(bytes.count + 1) }
        switch mutation {
        case .bitFlip:
            guard !bytes.isEmpty else { return [UInt8(truncatingIfNeeded: rng.next())] }
            for _ in 0...rng.below(4) {
                bytes[rng.below(bytes.count)] ^= UInt8(1) << UInt8(rng.below(8))
            }
        case .byteReplace:
            guard !bytes.isEmpty else { return [punctuation[rng.below(punctuation.count)]] }
            for _ in 0...rng.below(4) {
                bytes[rng.below(bytes.count)] = punctuation[rng.below(punctuation.count)]
            }
        case .truncate:
            bytes = Array(bytes.prefix(rng.below(max(1, bytes.count))))
        case .insertRandom:
            let extra = (0...rng.below(8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes.insert(contentsOf: extra, at: offset())
        case .deleteRange:
            guard !bytes.isEmpty else { return bytes }
            let start = rng.below(bytes.count)
            let length = 1 + rng.below(min(32, bytes.count - start))
            bytes.removeSubrange(start..<start + length)
        case .duplicateRange:
            guard !bytes.isEmpty else { return bytes }
            let start = rng.below(bytes.count)
            let length = 1 + rng.below(min(64, bytes.count - start))
            bytes.insert(contentsOf: Array(bytes[start..<start + length]), at: offset())
        case .insertToken:
            bytes.insert(contentsOf: Array(tokens[rng.below(tokens.count)].utf8), at: offset())
        case .invalidUTF8:
            // Inside a string where possible, where a lenient decoder would let it through.
            let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
            let at = quotes.isEmpty ? offset() : quotes[rng.below(quotes.count)] + 1
            bytes.insert(contentsOf: invalidUTF8[rng.below(invalidUTF8.count)], at: at)
        case .deepNesting:
            let depth = [100, 129, 257, 1_000, 10_000][rng.below(5)]
            let (open, close): ([UInt8], [UInt8]) = rng.chance(1, in: 2) ? (Array("[".utf8), Array("]".utf8)) : (Array(#"{"a":"#.utf8), Array("}".utf8))
            var nested: [UInt8] = []
            nested.reserveCapacity(depth * (open.count + close.count) + bytes.count)
            for _ in 0..<depth { nested += open }
            nested += rng.chance(1, in: 2) ? bytes : Array("1".utf8)
            if rng.chance(3, in: 4) { for _ in 0..<depth { nested += close } }
            bytes = nested
        case .hugeNumber:
            let huge = Array(hugeNumbers[rng.below(hugeNumbers.count)].utf8)
            let digits = bytes.indices.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
            guard !digits.isEmpty else {
                bytes.insert(contentsOf: huge, at: offset())
                return bytes
            }
            var start = digits[rng.below(digits.count)]
            var end = start
            let numeric = Array("0123456789.eE+-".utf8)
            while start > 0, numeric.contains(bytes[start - 1]) { start -= 1 }
            while end < bytes.count, numeric.contains(bytes[end]) { end += 1 }
            bytes.replaceSubrange(start..<end, with: huge)
        case .typeSwap, .dropMember, .duplicateKey:
            guard let value = try? JSONParser.parse(bytes, options: JSONParser.Options(maxDepth: 512, duplicateKeys: .lastWins)) else {
                return mutate(seed, .byteReplace, &rng)
            }
            switch mutation {
            case .typeSwap:
                return CanonicalJSON.encode(swapType(in: value, &rng))
            case .dropMember:
                return CanonicalJSON.encode(dropMember(in: value, &rng))
            default:
                let keys = allKeys(value)
                let openings = bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") }
                guard !keys.isEmpty, !openings.isEmpty else { return mutate(seed, .byteReplace, &rng) }
                let key = keys[rng.below(keys.count)]
                let member = CanonicalJSON.encode(.string(key)) + Array(":null,".utf8)
                bytes.insert(contentsOf: member, at: openings[rng.below(openings.count)] + 1)
            }
        }
        return bytes
    }

    /// Every value position of a document: the root and all nested members and elements.
    public static func positions(_ value: JSONValue) -> [[JSONPathToken]] {
        var found: [[JSONPathToken]] = []
        var stack: [([JSONPathToken], JSONValue)] = [([], value)]
        while let (path, node) = stack.popLast() {
            found.append(path)
            switch node {
            case .object(let members):
                // Sorted: dictionary order changes from run to run, and the seed must decide everything.
                for key in members.keys.sorted() { stack.append((path + [.key(key)], members[key]!)) }
            case .array(let elements):
                for (index, element) in elements.enumerated() { stack.append((path + [.index(index)], element)) }
            default: break
            }
        }
        return found
    }

    /// `value` with the node at `path` replaced.
    public static func replacing(_ value: JSONValue, at path: ArraySlice<JSONPathToken>, with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        switch (value, first) {
        case (.object(var members), .key(let key)):
            members[key] = replacing(members[key] ?? .null, at: path.dropFirst(), with: replacement)
            return .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            elements[index] = replacing(elements[index], at: path.dropFirst(), with: replacement)
            return .array(elements)
        default:
            return value
        }
    }

    /// A random node replaced by a random value of another JSON type.
    public static func swapType(in value: JSONValue, _ rng: inout SplitMix64) -> JSONValue {
        let paths = positions(value)
        let path = paths[rng.below(paths.count)]
        var original: JSONValue = value
        for token in path {
            switch (original, token) {
            case (.object(let members), .key(let key)): original = members[key] ?? .null
            case (.array(let elements), .index(let index)): original = elements[index]
            default: break
            }
        }
        var replacement = randomValue(&rng)
        while replacement.jsonTypeName == original.jsonTypeName { replacement = randomValue(&rng) }
        return replacing(value, at: path[...], with: replacement)
    }

    /// A small random value of any JSON type.
    public static func randomValue(_ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch rng.below(depth > 1 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(rng.chance(1, in: 2))
        case 2:
            let numbers: [Double] = [0, -1, 1.5, 1e21, -1e-7, 9_007_199_254_740_992, Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, 42]
            return .number(JSONNumber(numbers[rng.below(numbers.count)]))
        case 3:
            let strings = ["", "0", "1.5", "true", "null", "success", "2023-10-04T10:05:02Z", "not a date", "🙂 \u{0}\u{1F}", "<redacted>", "in"]
            return .string(strings[rng.below(strings.count)])
        case 4:
            return .string(String(repeating: "x", count: rng.below(300)))
        case 5:
            return .array((0..<rng.below(3)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<rng.below(3) { members["k\(index)"] = randomValue(&rng, depth: depth + 1) }
            return .object(members)
        }
    }

    private static func dropMember(in value: JSONValue, _ rng: inout SplitMix64) -> JSONValue {
        let objects = positions(value).filter { path in
            var node = value
            for token in path {
                switch (node, token) {
                case (.object(let members), .key(let key)): node = members[key] ?? .null
                case (.array(let elements), .index(let index)): node = elements[index]
                default: break
                }
            }
            return !(node.objectValue?.isEmpty ?? true)
        }
        guard !objects.isEmpty else { return swapType(in: value, &rng) }
        let path = objects[rng.below(objects.count)]
        var node = value
        for token in path {
            switch (node, token) {
            case (.object(let members), .key(let key)): node = members[key] ?? .null
            case (.array(let elements), .index(let index)): node = elements[index]
            default: break
            }
        }
        var members = node.objectValue ?? [:]
        let keys = members.keys.sorted()
        members[keys[rng.below(keys.count)]] = nil
        return replacing(value, at: path[...], with: .object(members))
    }

    private static func allKeys(_ value: JSONValue) -> [String] {
        var keys: Set<String> = []
        var stack = [value]
        while let node = stack.popLast() {
            switch node {
            case .object(let members):
                keys.formUnion(members.keys)
                stack.append(contentsOf: members.values)
            case .array(let elements):
                stack.append(contentsOf: elements)
            default: break
            }
        }
        return keys.sorted()
    }
}

/// One step of a path into a JSON document.
public enum JSONPathToken: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// A value behind a lock, for merging results across worker threads.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    public init(_ value: Value) {
        stored = value
    }

    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    public func update(_ body: (inout Value) -> Void) {
        lock.lock()
        body(&stored)
        lock.unlock()
    }
}
