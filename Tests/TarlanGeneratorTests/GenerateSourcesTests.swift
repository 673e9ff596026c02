import Foundation
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// `swift package generate-sources` writes exactly what the build plugin generates: the build
/// plugin's outputs (in this build's folder) are byte for byte the pipeline's, and running the built
/// `tarlan-generator` with the arguments both plugins pass gives the same bytes.
final class GenerateSourcesTests: XCTestCase {
    /// The targets the build plugin generates for, and their modes (as `generate-sources` writes them).
    private let targets: [(name: String, mode: GenerationMode)] = [
        ("TarlanPayments", .library), ("TarlanPaymentsMocks", .mocks), ("TarlanFixtureTests", .tests),
    ]

    private var schemaDirectory: URL { GeneratorTestSupport.packageRoot.appendingPathComponent("Schema") }

    /// `Schema/*.json` except `*.schema.json`, sorted by name: both plugins' list.
    private func schemaFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: schemaDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasSuffix(".schema.json") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// What the pipeline generates in this process.
    private func pipelineOutput(_ mode: GenerationMode) throws -> [String: String] {
        let files = try schemaFiles().map { SchemaLoader.File(path: $0.path, contents: Array(try Data(contentsOf: $0))) }
        let output = try GeneratorTestSupport.generate(files, mode: mode).files
        XCTAssertEqual(output.keys.sorted(), OutputLayout.fileNames(for: mode))
        return output
    }

    /// `<scratch>/plugins/outputs/<package>/<target>/destination/TarlanGeneratorPlugin/Generated`,
    /// found from the test bundle (`<scratch>/<triple>/debug/`); the newest when there are several.
    private func buildPluginOutputs(_ target: String) -> URL? {
        let fileManager = FileManager.default
        var folder = GeneratorExecutable.buildDirectory.resolvingSymlinksInPath()
        for _ in 0..<4 {
            let outputs = folder.appendingPathComponent("plugins/outputs")
            if let packages = try? fileManager.contentsOfDirectory(atPath: outputs.path) {
                let candidates = packages.sorted().map {
                    outputs.appendingPathComponent("\($0)/\(target)/destination/TarlanGeneratorPlugin/Generated")
                }.filter { fileManager.fileExists(atPath: $0.path) }
                return candidates.max { modified($0) < modified($1) }
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    private func modified(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// The `*.swift` files of a folder, by name.
    private func swiftFiles(in directory: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") {
            files[name] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    /// Fails with a readable diff for each file whose bytes differ.
    private func assertSameFiles(
        _ actual: [String: String], _ expected: [String: String], _ label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), label, file: file, line: line)
        for (name, text) in expected.sorted(by: { $0.key < $1.key }) {
            guard let other = actual[name], Array(other.utf8) != Array(text.utf8) else { continue }
            XCTFail(
                "\(label)/\(name) differs:\n" + GeneratorTestSupport.unifiedDiff(expected: text, actual: other, label: name),
                file: file, line: line
            )
        }
    }

    /// Whether a schema file changed after the build plugin last wrote `directory` (another
    /// build, or an edit since): then its outputs cannot be compared with today's schema.
    private func isStale(_ directory: URL) throws -> Bool {
        let generated = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        let newestOutput = generated.map(modified).max() ?? .distantPast
        return try schemaFiles().contains { modified($0) > newestOutput }
    }

    func testBuildPluginOutputsAreThePipelinesBytes() throws {
        for (target, mode) in targets {
            guard let directory = buildPluginOutputs(target) else {
                throw XCTSkip("no build plugin outputs for \(target) near \(GeneratorExecutable.buildDirectory.path); build the package first")
            }
            let built = try swiftFiles(in: directory)
            let expected = try pipelineOutput(mode)
            if built != expected, try isStale(directory) {
                throw XCTSkip("the build plugin's outputs for \(target) are older than Schema/; build again")
            }
            assertSameFiles(built, expected, "build plugin output of \(target)")
        }
    }

    /// The arguments `generate-sources` passes (the build plugin's) give the build plugin's bytes.
    func testGenerateSourcesArgumentsGiveTheSameBytes() throws {
        let root = try GeneratorExecutable.temporaryDirectory("generate-sources")
        defer { try? FileManager.default.removeItem(at: root) }
        let schemaPaths = try schemaFiles().map(\.path)
        for (target, mode) in targets {
            let output = root.appendingPathComponent(target)
            let result = try GeneratorExecutable.run(["generate", "--mode", mode.rawValue, "--output", output.path] + schemaPaths)
            XCTAssertEqual(result.status, 0, result.standardError)
            let written = try swiftFiles(in: output)
            assertSameFiles(written, try pipelineOutput(mode), "generate-sources output of \(target)")
            if let built = buildPluginOutputs(target), try !isStale(built) {
                assertSameFiles(written, try swiftFiles(in: built), "generate-sources output of \(target) against the build's")
            }
        }
    }

    /// A downstream build shows no warning about a quirk the schema already records; `--verbose` (and the
    /// pipeline, which the tests read) still reports every one.
    func testRecordedQuirksAreQuietUnlessVerbose() throws {
        let root = try GeneratorExecutable.temporaryDirectory("quirks")
        defer { try? FileManager.default.removeItem(at: root) }
        let schemaPaths = try schemaFiles().map(\.path)
        let quiet = try GeneratorExecutable.run(["generate", "--mode", "library", "--output", root.path] + schemaPaths)
        XCTAssertEqual(quiet.status, 0, quiet.standardError)
        XCTAssertFalse(quiet.standardError.contains("warning:"), quiet.standardError)
        let verbose = try GeneratorExecutable.run(["generate", "--mode", "library", "--output", root.path, "--verbose"] + schemaPaths)
        XCTAssertEqual(verbose.status, 0, verbose.standardError)
        let warnings = verbose.standardError.split(separator: "\n").filter { $0.contains(": warning: ") }
        let pipeline = try pipelineWarnings(.library)
        XCTAssertFalse(pipeline.isEmpty, "the real schema records quirks its examples show")
        XCTAssertEqual(warnings.count, pipeline.count, verbose.standardError)
        XCTAssertTrue(pipeline.allSatisfy(\.isRecordedQuirk), "a warning the schema does not record: \(pipeline)")
    }

    private func pipelineWarnings(_ mode: GenerationMode) throws -> [Diagnostic] {
        let files = try schemaFiles().map { SchemaLoader.File(path: $0.path, contents: Array(try Data(contentsOf: $0))) }
        return try GeneratorTestSupport.generate(files, mode: mode).warnings
    }

    /// Both plugins list the schema files with the same code and call `generate` with the same options.
    func testGenerateSourcesPluginListsAndCallsLikeTheBuildPlugin() throws {
        let plugins = GeneratorTestSupport.packageRoot.appendingPathComponent("Plugins")
        let build = try String(contentsOf: plugins.appendingPathComponent("TarlanGeneratorPlugin/plugin.swift"), encoding: .utf8)
        let command = try String(contentsOf: plugins.appendingPathComponent("GenerateSourcesPlugin/plugin.swift"), encoding: .utf8)
        for line in [
            #".filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasSuffix(".schema.json") }"#,
            ".sorted { $0.lastPathComponent < $1.lastPathComponent }",
            ".map { $0.path(percentEncoded: false) }",
        ] {
            XCTAssertTrue(build.contains(line), "the build plugin no longer has: \(line)")
            XCTAssertTrue(command.contains(line), "generate-sources does not have: \(line)")
        }
        // Compared without whitespace, so the formatter may break the lines as it likes.
        let compact = command.filter { !$0.isWhitespace }
        XCTAssertTrue(compact.contains(#"["--mode",mode,"--output",directory.path(percentEncoded:false)]"#))
        XCTAssertTrue(compact.contains(#"("TarlanPayments","library"),("TarlanPaymentsMocks","mocks"),("TarlanFixtureTests","tests")"#))
        for mode in GenerationMode.allCases {
            XCTAssertTrue(build.contains("\"\(mode.rawValue)\""), "the build plugin has no mode \(mode.rawValue)")
        }
    }
}
