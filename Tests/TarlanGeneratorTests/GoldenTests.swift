// Golden tests: the schema in Fixtures/GoldenSchema/ is generated in every mode and every file is
// compared byte for byte with its checked-in copy in Golden/<mode>/.
//
// After an intended change to the generated code, re-record the golden files and review the diff:
//
//     TARLAN_RECORD_GOLDEN=1 swift test --filter GoldenTests
//
// (with a scratch folder: `TARLAN_RECORD_GOLDEN=1 swift test --scratch-path .build-h4 --filter GoldenTests`).

import Foundation
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

final class GoldenTests: XCTestCase {
    static let recordCommand = "TARLAN_RECORD_GOLDEN=1 swift test --filter GoldenTests"

    private var isRecording: Bool {
        ProcessInfo.processInfo.environment["TARLAN_RECORD_GOLDEN"] == "1"
    }

    private var schemaDirectory: URL {
        GeneratorTestSupport.testsDirectory.appendingPathComponent("Fixtures/GoldenSchema")
    }

    private func goldenDirectory(_ mode: GenerationMode) -> URL {
        GeneratorTestSupport.testsDirectory.appendingPathComponent("Golden").appendingPathComponent(mode.rawValue)
    }

    func testLibraryMode() throws {
        try check(.library)
    }

    func testMocksMode() throws {
        try check(.mocks)
    }

    func testTestsMode() throws {
        try check(.tests)
    }

    private func check(_ mode: GenerationMode) throws {
        let files = try GeneratorTestSupport.schemaFiles(in: schemaDirectory, displayPrefix: "GoldenSchema/")
        XCTAssertEqual(files.map(\.path), ["GoldenSchema/alpha.json", "GoldenSchema/beta.json", "GoldenSchema/sections.json"])
        let output = try GeneratorTestSupport.generate(files, mode: mode)
        XCTAssertEqual(output.warnings, [], "the golden schema should generate without warnings")
        XCTAssertEqual(output.files.keys.sorted(), OutputLayout.fileNames(for: mode))

        let directory = goldenDirectory(mode)
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let stale = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { output.files[$0] == nil }
            for name in stale {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
            let changed = try OutputWriter.write(output.files, to: directory)
            print("recorded \(mode) golden files in \(directory.path): changed \(changed), removed \(stale)")
            return
        }

        let recorded = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let extra = Set(recorded).subtracting(output.files.keys)
        XCTAssertTrue(extra.isEmpty, "golden files no longer generated: \(extra.sorted()); re-record with `\(Self.recordCommand)`")
        for name in output.files.keys.sorted() {
            let generated = output.files[name]!
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                XCTFail("missing golden file \(mode.rawValue)/\(name); record it with `\(Self.recordCommand)`")
                continue
            }
            let golden = String(decoding: data, as: UTF8.self)
            if golden != generated {
                XCTFail(
                    """
                    \(mode.rawValue)/\(name) differs from its golden file. If the change is intended, re-record with
                        \(Self.recordCommand)
                    and review the diff.
                    \(GeneratorTestSupport.unifiedDiff(expected: golden, actual: generated, label: "\(mode.rawValue)/\(name)"))
                    """
                )
            }
        }
    }

    /// The diff helper the failure message relies on produces a real unified diff.
    func testFailureDiffIsUnified() {
        let diff = GeneratorTestSupport.unifiedDiff(expected: "a\nb\nc\n", actual: "a\nB\nc\n", label: "X.swift")
        XCTAssertTrue(diff.contains("--- golden/X.swift"), diff)
        XCTAssertTrue(diff.contains("+++ generated/X.swift"), diff)
        XCTAssertTrue(diff.contains("\n-b\n+B\n"), diff)
    }
}
