import Foundation
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// `OutputWriter` keeps builds incremental: unchanged files are left alone.
final class OutputWriterTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tarlan-output-writer-\(UUID().uuidString)")
            .appendingPathComponent("Generated")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    private func modificationDate(_ name: String) throws -> Date {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
        return try XCTUnwrap(attributes[.modificationDate] as? Date)
    }

    private func contents(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    func testFirstWriteCreatesTheDirectoryAndEveryFile() throws {
        let changed = try OutputWriter.write(["B.swift": "b\n", "A.swift": "a\n"], to: directory)
        XCTAssertEqual(changed, ["A.swift", "B.swift"])
        XCTAssertEqual(try contents("A.swift"), "a\n")
        XCTAssertEqual(try contents("B.swift"), "b\n")
    }

    func testOnlyChangedFilesAreRewritten() throws {
        try OutputWriter.write(["Same.swift": "same\n", "Changed.swift": "old\n"], to: directory)
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        for name in ["Same.swift", "Changed.swift"] {
            try FileManager.default.setAttributes(
                [.modificationDate: past], ofItemAtPath: directory.appendingPathComponent(name).path
            )
            XCTAssertEqual(try modificationDate(name).timeIntervalSince1970, past.timeIntervalSince1970, accuracy: 1)
        }

        let changed = try OutputWriter.write(["Same.swift": "same\n", "Changed.swift": "new\n"], to: directory)

        XCTAssertEqual(changed, ["Changed.swift"])
        XCTAssertEqual(try contents("Same.swift"), "same\n")
        XCTAssertEqual(try contents("Changed.swift"), "new\n")
        XCTAssertEqual(try modificationDate("Same.swift").timeIntervalSince1970, past.timeIntervalSince1970, accuracy: 1)
        XCTAssertGreaterThan(try modificationDate("Changed.swift"), past.addingTimeInterval(60))
        // No temporary files are left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        XCTAssertEqual(names, ["Changed.swift", "Same.swift"])
    }

    func testIdenticalRegenerationChangesNothing() throws {
        let output = try GeneratorTestSupport.generate([DemoSchema.file])
        XCTAssertEqual(try OutputWriter.write(output.files, to: directory), OutputLayout.fileNames(for: .library))
        XCTAssertEqual(try OutputWriter.write(output.files, to: directory), [])
    }

    func testRemoveOutputsDeletesTheNamedFilesOnly() throws {
        try OutputWriter.write(["A.swift": "a\n", "B.swift": "b\n", "Keep.txt": "k\n"], to: directory)
        OutputWriter.removeOutputs(["A.swift", "B.swift", "Missing.swift"], in: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertEqual(names, ["Keep.txt"])
    }

    func testSwiftFilesOfAnOlderLayoutAreRemovedOthersKept() throws {
        try OutputWriter.write(["Old.swift": "o\n", "Notes.txt": "n\n"], to: directory)
        try OutputWriter.write(["New.swift": "n\n"], to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        XCTAssertEqual(names, ["New.swift", "Notes.txt"])
    }
}
