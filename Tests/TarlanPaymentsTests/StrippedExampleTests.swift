import Foundation
import TarlanPayments
import TarlanPaymentsMocks
import XCTest

/// The API leaves fields out freely, so every result model must decode an answer that keeps little
/// more than its identifiers. Each success example of the schema is stripped down and decoded with
/// its operation's result type; a failure means a model demands a field the API does not promise.
final class StrippedExampleTests: XCTestCase {

    /// `id`, `*_id`, `*code` (`transaction_id`, `status_code`, `error_code`…).
    private static func isIdentifierLike(_ key: String) -> Bool {
        let key = key.lowercased()
        return key.hasSuffix("id") || key.hasSuffix("code")
    }

    private enum Strip {
        /// The result object emptied (`{}`), or each element of a result array emptied.
        case empty
        /// Only identifier-like members, at the top level of the result (or of each element).
        case identifiers
        /// Identifier-like scalars at every depth, with every object and array kept as a (stripped) skeleton.
        case skeleton
    }

    private static func stripped(_ value: JSONValue, _ strip: Strip, depth: Int = 0) -> JSONValue {
        switch value {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (key, member) in members {
                switch strip {
                case .empty:
                    break
                case .identifiers:
                    if isIdentifierLike(key) { kept[key] = member }
                case .skeleton:
                    switch member {
                    case .object, .array: kept[key] = stripped(member, strip, depth: depth + 1)
                    default: if isIdentifierLike(key) { kept[key] = member }
                    }
                }
            }
            return .object(kept)
        case .array(let elements):
            return .array(elements.map { stripped($0, strip, depth: depth + 1) })
        default:
            return value
        }
    }

    /// JSON pointer tokens of a decoding path: `result.data[0].amount` → ["data", "0", "amount"] (below `result`).
    private static func tokens(ofDecodingPath path: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in path {
            switch character {
            case ".", "[", "]":
                if !current.isEmpty { tokens.append(current) }
                current = ""
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens.first == "result" ? Array(tokens.dropFirst()) : tokens
    }

    private static func value(at path: ArraySlice<String>, in value: JSONValue) -> JSONValue? {
        guard let first = path.first else { return value }
        switch value {
        case .object(let members): return members[first].flatMap { Self.value(at: path.dropFirst(), in: $0) }
        case .array(let elements):
            guard let index = Int(first), elements.indices.contains(index) else { return nil }
            return Self.value(at: path.dropFirst(), in: elements[index])
        default: return nil
        }
    }

    private static func setting(_ value: JSONValue, at path: ArraySlice<String>, to replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        switch value {
        case .object(var members):
            members[first] = setting(members[first] ?? .object([:]), at: path.dropFirst(), to: replacement)
            return .object(members)
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index) else { return value }
            elements[index] = setting(elements[index], at: path.dropFirst(), to: replacement)
            return .array(elements)
        default:
            return value
        }
    }

    func testEveryStrippedSuccessExampleStillDecodes() throws {
        let successes = TarlanExamples.all.filter { $0.role == .success }
        XCTAssertGreaterThanOrEqual(successes.count, 20)
        var decoded = 0
        var required: Set<String> = []
        for example in successes {
            let operation = try XCTUnwrap(
                TarlanOperations.dynamic.first { $0.descriptor.id == example.operationID }, "no operation \(example.operationID)")
            let envelope = try JSONParser.parse(Array(example.json.utf8))
            let status = example.httpStatus ?? 200
            // The example itself decodes (the fixture tests check this too; here it anchors the comparison).
            let full = try operation.decodeResponse(HTTPResponse(statusCode: status, body: Data(example.json.utf8)))
            guard let result = envelope["result"], result.objectValue != nil || result.arrayValue != nil else { continue }

            for strip in [Strip.empty, .identifiers, .skeleton] {
                let label = "\(example.operationID)/\(example.name) (\(strip))"
                var trimmed = Self.stripped(result, strip)
                var answer: JSONValue?
                // A missing required field is put back from the example and noted; anything else is a model bug.
                for _ in 0..<32 {
                    var body = envelope.objectValue!
                    body["result"] = trimmed
                    do {
                        answer = try operation.decodeResponse(
                            HTTPResponse(statusCode: status, body: Data(CanonicalJSON.encode(.object(body)))))
                        break
                    } catch {
                        let path = error.decodingPath.map(Self.tokens(ofDecodingPath:)) ?? []
                        guard case .decoding(let failure) = error, failure.reason.hasPrefix("required field"),
                            let original = Self.value(at: path[...], in: result)
                        else {
                            XCTFail("\(label): schema/model bug: \(error)")
                            break
                        }
                        required.insert("\(example.operationID): \(failure.path)")
                        trimmed = Self.setting(trimmed, at: path[...], to: original)
                    }
                }
                guard let answer else { continue }
                decoded += 1
                // The identifiers that were kept come out as the full example's do.
                if strip != .empty, let members = result.objectValue {
                    for (key, _) in members where Self.isIdentifierLike(key) {
                        guard let fullValue = full[key], !fullValue.isNull else { continue }
                        XCTAssertEqual(answer[key], fullValue, "\(label): \(key)")
                    }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(decoded, 30)
        // No result model of the schema requires a field; a new one would show up here for review.
        XCTAssertEqual(required.sorted(), [], "fields the result models require")
    }
}

extension TarlanError {
    fileprivate var decodingPath: String? {
        if case .decoding(let failure) = self { failure.path } else { nil }
    }
}
