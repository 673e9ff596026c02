import Foundation
import TarlanCore
import TarlanTestSupport
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// The same schema always gives the same bytes, whatever order files are passed in and
/// whatever order keys are written in.
final class DeterminismTests: XCTestCase {
    private func goldenSchemaFiles() throws -> [SchemaLoader.File] {
        let directory = GeneratorTestSupport.testsDirectory.appendingPathComponent("Fixtures/GoldenSchema")
        let files = try GeneratorTestSupport.schemaFiles(in: directory, displayPrefix: "GoldenSchema/")
        XCTAssertGreaterThanOrEqual(files.count, 2)
        return files
    }

    func testGeneratingTwiceGivesIdenticalBytes() throws {
        let files = try goldenSchemaFiles()
        for mode in GenerationMode.allCases {
            let first = try GeneratorTestSupport.generate(files, mode: mode)
            let second = try GeneratorTestSupport.generate(files, mode: mode)
            XCTAssertEqual(first.files.keys.sorted(), second.files.keys.sorted())
            for (name, text) in first.files {
                XCTAssertEqual(Array(text.utf8), second.files[name].map { Array($0.utf8) }, "\(mode)/\(name)")
            }
            XCTAssertEqual(first.warnings, second.warnings)
        }
    }

    func testFileOrderDoesNotMatter() throws {
        let files = try goldenSchemaFiles()
        for mode in GenerationMode.allCases {
            let reference = try GeneratorTestSupport.generate(files, mode: mode)
            for permutation in [Array(files.reversed()), Array(files.dropFirst()) + [files[0]]] {
                let output = try GeneratorTestSupport.generate(permutation, mode: mode)
                XCTAssertEqual(output.files, reference.files, "\(mode), order \(permutation.map(\.path))")
                XCTAssertEqual(output.warnings, reference.warnings)
            }
        }
    }

    func testKeyOrderDoesNotMatter() throws {
        let files = try goldenSchemaFiles()
        // Same file names (they appear in `- Remark:` comments), every object's keys written in reverse.
        let reordered = try files.map { file in
            let value = try JSONParser.parse(file.contents)
            let text = ShuffledKeyJSONWriter.write(value)
            XCTAssertNotEqual(Array(text.utf8), file.contents, "the re-serialised file must differ")
            XCTAssertEqual(try JSONParser.parse(Array(text.utf8)), value, "and mean the same")
            return SchemaLoader.File(path: file.path, contents: Array(text.utf8))
        }
        for mode in GenerationMode.allCases {
            let reference = try GeneratorTestSupport.generate(files, mode: mode)
            let output = try GeneratorTestSupport.generate(reordered.reversed(), mode: mode)
            XCTAssertEqual(output.files.keys.sorted(), reference.files.keys.sorted())
            for (name, text) in reference.files where output.files[name] != text {
                XCTFail(
                    "\(mode)/\(name) depends on key order:\n"
                        + GeneratorTestSupport.unifiedDiff(expected: text, actual: output.files[name] ?? "", label: name)
                )
            }
        }
    }

    func testKeysInSeededRandomOrdersGiveTheSameBytes() throws {
        let files = try goldenSchemaFiles()
        let reference = try GeneratorTestSupport.generate(files, mode: .library)
        for seed in [1, 2, 3] as [UInt64] {
            let shuffled = try files.map { file in
                SchemaLoader.File(
                    path: file.path,
                    contents: Array(ShuffledKeyJSONWriter.write(try JSONParser.parse(file.contents), seed: seed).utf8)
                )
            }
            XCTAssertNotEqual(shuffled.map(\.contents), files.map(\.contents))
            XCTAssertEqual(try GeneratorTestSupport.generate(shuffled, mode: .library).files, reference.files, "seed \(seed)")
        }
    }

    /// Separate `tarlan-generator` processes (each with its own random hash seed, so any output that
    /// followed dictionary order would differ between them) over the real schema as checked in, with
    /// its files passed in other orders, and with every object's keys shuffled: identical bytes and
    /// identical diagnostics, in every mode.
    func testSeparateProcessesAndShuffledInputsGiveTheSameBytes() throws {
        let root = try GeneratorExecutable.temporaryDirectory("determinism")
        defer { try? FileManager.default.removeItem(at: root) }
        let schema = GeneratorTestSupport.packageRoot.appendingPathComponent("Schema")
        let names = try FileManager.default.contentsOfDirectory(atPath: schema.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 3)
        // Variants: the files as they are; their keys shuffled with two seeds (in their own folders).
        var variants: [(label: String, paths: [String])] = [("as checked in", names.map { schema.appendingPathComponent($0).path })]
        for seed in [7, 11] as [UInt64] {
            let folder = root.appendingPathComponent("seed-\(seed)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in names {
                let value = try JSONParser.parse(Array(try Data(contentsOf: schema.appendingPathComponent(name))))
                try Data(ShuffledKeyJSONWriter.write(value, seed: seed).utf8).write(to: folder.appendingPathComponent(name))
            }
            variants.append(("keys shuffled, seed \(seed)", names.map { folder.appendingPathComponent($0).path }))
        }
        let original = variants[0].paths
        variants.append(("files reversed", original.reversed()))
        variants.append(("files rotated", Array(original.dropFirst(2)) + original.prefix(2)))
        for mode in GenerationMode.allCases {
            var reference: (files: [String: Data], errors: String)?
            for (index, variant) in variants.enumerated() {
                let output = root.appendingPathComponent("\(mode.rawValue)-\(index)")
                let result = try GeneratorExecutable.run(["generate", "--mode", mode.rawValue, "--output", output.path] + variant.paths)
                XCTAssertEqual(result.status, 0, result.standardError)
                var files: [String: Data] = [:]
                for name in try FileManager.default.contentsOfDirectory(atPath: output.path) {
                    files[name] = try Data(contentsOf: output.appendingPathComponent(name))
                }
                XCTAssertEqual(files.keys.sorted(), OutputLayout.fileNames(for: mode))
                // Diagnostics name the file and line, which shuffling moves: compare their messages.
                let errors = result.standardError.split(separator: "\n").map { $0.split(separator: ": ").dropFirst().joined(separator: ": ") }
                    .sorted().joined(separator: "\n")
                guard let reference else {
                    reference = (files, errors)
                    continue
                }
                XCTAssertEqual(errors, reference.errors, "\(mode), \(variant.label): other diagnostics")
                for (name, data) in reference.files where files[name] != data {
                    XCTFail(
                        "\(mode)/\(name) differs (\(variant.label)):\n"
                            + GeneratorTestSupport.unifiedDiff(
                                expected: String(decoding: data, as: UTF8.self),
                                actual: String(decoding: files[name] ?? Data(), as: UTF8.self), label: name)
                    )
                }
            }
        }
    }

    func testWriterReversesKeys() {
        let value: JSONValue = ["a": 1, "b": ["c": [true, nil, "x\"y"], "d": 2.5]]
        XCTAssertEqual(
            ShuffledKeyJSONWriter.write(value),
            """
            {
              "b": {
                "d": 2.5,
                "c": [
                  true,
                  null,
                  "x\\"y"
                ]
              },
              "a": 1
            }

            """
        )
    }
}

/// Pretty-prints a JSON value with every object's keys in an order drawn from a seeded generator (and a
/// different layout from the checked-in files), so line numbers and key order both change. Seed 0
/// writes the keys in reverse sorted order.
enum ShuffledKeyJSONWriter {
    static func write(_ value: JSONValue, seed: UInt64 = 0) -> String {
        var generator = SplitMix64(seed: seed)
        var text = ""
        write(value, indent: 0, seed: seed, generator: &generator, into: &text)
        return text + "\n"
    }

    private static func write(
        _ value: JSONValue, indent: Int, seed: UInt64, generator: inout SplitMix64, into text: inout String
    ) {
        let padding = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            text += "{\n"
            var keys = members.keys.sorted(by: >)
            if seed != 0 { keys.shuffle(using: &generator) }
            for (index, key) in keys.enumerated() {
                text += padding + CanonicalJSON.string(.string(key)) + ": "
                write(members[key]!, indent: indent + 1, seed: seed, generator: &generator, into: &text)
                text += (index == keys.count - 1 ? "\n" : ",\n")
            }
            text += closing + "}"
        case .array(let elements) where !elements.isEmpty:
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += padding
                write(element, indent: indent + 1, seed: seed, generator: &generator, into: &text)
                text += (index == elements.count - 1 ? "\n" : ",\n")
            }
            text += closing + "]"
        default:
            text += CanonicalJSON.string(value)
        }
    }
}
