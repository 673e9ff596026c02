import Foundation
import TarlanCore
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
            let text = ReversedKeyJSONWriter.write(value)
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

    func testWriterReversesKeys() {
        let value: JSONValue = ["a": 1, "b": ["c": [true, nil, "x\"y"], "d": 2.5]]
        XCTAssertEqual(
            ReversedKeyJSONWriter.write(value),
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

/// Pretty-prints a JSON value with every object's keys in reverse sorted order (and a different
/// layout from the checked-in files), so line numbers and key order both change.
enum ReversedKeyJSONWriter {
    static func write(_ value: JSONValue) -> String {
        var text = ""
        write(value, indent: 0, into: &text)
        return text + "\n"
    }

    private static func write(_ value: JSONValue, indent: Int, into text: inout String) {
        let padding = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            text += "{\n"
            let keys = members.keys.sorted(by: >)
            for (index, key) in keys.enumerated() {
                text += padding + CanonicalJSON.string(.string(key)) + ": "
                write(members[key]!, indent: indent + 1, into: &text)
                text += (index == keys.count - 1 ? "\n" : ",\n")
            }
            text += closing + "}"
        case .array(let elements) where !elements.isEmpty:
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += padding
                write(element, indent: indent + 1, into: &text)
                text += (index == elements.count - 1 ? "\n" : ",\n")
            }
            text += closing + "]"
        default:
            text += CanonicalJSON.string(value)
        }
    }
}
