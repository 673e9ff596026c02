import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

/// Signatures and canonical JSON checked against an implementation that shares no code with TarlanKit:
/// `Tests/Vectors/check-signatures.py` (Python's hashlib and base64, and Go's and PHP's serialisers
/// rewritten from their documented behaviour). The validator's own check reuses TarlanKit's signer, so
/// it cannot catch a signer bug that also wrote the schema's "computed" signatures; this can.
final class IndependentSignatureTests: XCTestCase {
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let script = packageRoot.appendingPathComponent("Tests/Vectors/check-signatures.py")

    func testEverySignatureTheSchemaStatesHoldsWithoutTarlanKit() throws {
        let result = try Self.python([Self.script.path, Self.packageRoot.appendingPathComponent("Schema").path])
        XCTAssertEqual(result.status, 0, result.output)
        let summary = try XCTUnwrap(result.output.split(separator: "\n").last.map(String.init))
        let checked = Int(summary.prefix { $0.isNumber }) ?? 0
        XCTAssertGreaterThanOrEqual(checked, 40, summary)
        XCTAssertTrue(summary.hasSuffix("0 differ"), summary)
    }

    /// The check is not a rubber stamp: one wrong hex digit in a stated signature, or one changed
    /// character in a stated canonical text, fails it and names the place.
    func testTheIndependentCheckFailsOnAWrongSignatureOrCanonicalText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tarlan-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = Self.packageRoot.appendingPathComponent("Schema")
        for name in try FileManager.default.contentsOfDirectory(atPath: schema.path) where name.hasSuffix(".json") {
            try FileManager.default.copyItem(at: schema.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let vectors = folder.appendingPathComponent("signature-vectors.json")
        let original = try String(contentsOf: vectors, encoding: .utf8)
        let cases: [(from: String, to: String, expected: String)] = [
            (
                #""signature": "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee""#,
                #""signature": "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ef""#,
                "signatureVectors/agwsCheckBalance (go): DIFFERS"
            ),
            (
                #""canonical": "{\"agent\":\"daw\"}""#, #""canonical": "{\"agent\": \"daw\"}""#,
                "signatureVectors/agwsCheckBalance (go): DIFFERS: canonical text"
            ),
        ]
        for change in cases {
            XCTAssertTrue(original.contains(change.from), "the vector file no longer has \(change.from)")
            try Data(original.replacingOccurrences(of: change.from, with: change.to).utf8).write(to: vectors)
            let result = try Self.python([Self.script.path, folder.path])
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.output.contains(change.expected), result.output)
            XCTAssertTrue(result.output.contains("1 differ"), result.output)
        }
    }

    /// Differential test of both canonical forms: 400 seeded random objects (Unicode including
    /// `<`, `>`, `&`, U+2028, controls and emoji; integers, fractions, exponents, integers beyond Int64;
    /// nesting; empty objects and arrays) written by TarlanKit and by the Python rewrite of Go's
    /// `encoding/json` and of the PHP sample's `json_encode`: byte-identical.
    func testCanonicalFormsAgreeWithTheIndependentWriters() throws {
        var generator = SplitMix64(seed: 20_261_203)
        let lines = (0..<400).map { _ in RandomJSON.object(depth: 0, using: &generator) }
        let values = try lines.map { try JSONParser.parse(Array($0.utf8)) }
        let input = lines.joined(separator: "\n") + "\n"
        for form in CanonicalForm.allCases {
            let result = try Self.python([Self.script.path, "--canonicalize", form.rawValue], input: input)
            XCTAssertEqual(result.status, 0, result.output)
            let expected = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            XCTAssertEqual(expected.count, values.count, result.output)
            var mismatches = 0
            for (index, value) in values.enumerated() where index < expected.count {
                let ours = String(decoding: CanonicalJSON.encode(value, form: form), as: UTF8.self)
                if ours != expected[index] {
                    mismatches += 1
                    if mismatches <= 3 {
                        XCTFail("\(form), object \(index): \(lines[index])\n  ours:   \(ours)\n  theirs: \(expected[index])")
                    }
                }
            }
            XCTAssertEqual(mismatches, 0, "\(form): \(mismatches) of \(values.count) objects differ")
        }
    }

    private static func python(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        do {
            try process.run()
        } catch {
            throw XCTSkip("python3 is not available: \(error)")
        }
        // Write on another thread so neither pipe can fill up while the other waits.
        let data = Data(input.utf8)
        let writer = Thread {
            stdin.fileHandleForWriting.write(data)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// Random JSON objects as text, nested keys written in sorted order (so "the order they arrived" and
/// "sorted" agree for the PHP form's nested objects).
private enum RandomJSON {
    static func object(depth: Int, using generator: inout SplitMix64) -> String {
        let count = depth > 2 ? generator.below(3) : generator.below(6)
        var members: [String: String] = [:]
        for _ in 0..<count {
            members[key(using: &generator)] = value(depth: depth + 1, using: &generator)
        }
        let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return "{" + keys.map { quoted($0) + ":" + members[$0]! }.joined(separator: ",") + "}"
    }

    private static func value(depth: Int, using generator: inout SplitMix64) -> String {
        switch generator.below(depth > 2 ? 5 : 7) {
        case 0: return "null"
        case 1: return generator.below(2) == 0 ? "true" : "false"
        case 2: return number(using: &generator)
        case 3, 4: return quoted(text(using: &generator))
        case 5: return object(depth: depth, using: &generator)
        default:
            let elements = (0..<generator.below(4)).map { _ in value(depth: depth + 1, using: &generator) }
            return "[" + elements.joined(separator: ",") + "]"
        }
    }

    private static let numbers = [
        "0", "-0", "7", "-42", "100", "10000", "9007199254740993", "12345678901234567890", "0.5", "-1.25", "10.42",
        "1500.50", "1000.00", "0.1", "0.0001", "0.00001", "1e2", "1E-7", "2.5e-8", "1e21", "1.5e+20", "123456.789e3",
        "3.141592653589793", "1e16", "1e17", "99999999999999999999",
    ]

    private static func number(using generator: inout SplitMix64) -> String {
        numbers[generator.below(numbers.count)]
    }

    private static let pieces = [
        "a", "Z", "0", " ", "/", "<", ">", "&", "\"", "\\", "\n", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}",
        "é", "ж", "Оплата", "№", "\u{2028}", "\u{2029}", "🙂", "𝄞", "中文", "https://x.example/a?b=1&c=2",
    ]

    private static func text(using generator: inout SplitMix64) -> String {
        (0..<generator.below(5)).map { _ in pieces[generator.below(pieces.count)] }.joined()
    }

    private static func key(using generator: inout SplitMix64) -> String {
        let keys = ["amount", "agent", "b", "a", "project_сlient_id", "Z", "é", "additional_data", "x<y", "id_1"]
        return keys[generator.below(keys.count)] + (generator.below(3) == 0 ? text(using: &generator) : "")
    }

    /// A JSON string literal: `"` and `\` escaped, controls as `\u00XX`, everything else raw UTF-8.
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
