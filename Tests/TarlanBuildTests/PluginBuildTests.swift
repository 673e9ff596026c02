import Foundation
import XCTest

/// Proves the build plugin's behaviour with the real toolchain, on a copy of the package:
/// it generates on the first build, is skipped when nothing changed, reports a broken schema at
/// `file:line:column`, and regenerates once the schema is fixed.
///
/// Slow (a clean build of the runtime, the generator and the bindings). Skipped when `swift` is
/// not on PATH or when `TARLAN_SKIP_BUILD_TESTS=1`.
final class PluginBuildTests: XCTestCase {
    /// The plugin command's display name starts with this (see `Plugins/TarlanGeneratorPlugin`).
    static let generatingMarker = "Generating"
    static let timeout: TimeInterval = 15 * 60

    private var workDirectory: URL?

    override func tearDownWithError() throws {
        if let workDirectory { Self.remove(workDirectory) }
    }

    /// Removes a package copy and the lock files SwiftPM leaves named after its path in the temporary folder.
    static func remove(_ workDirectory: URL) {
        try? FileManager.default.removeItem(at: workDirectory)
        let temporary = FileManager.default.temporaryDirectory
        let tag = workDirectory.lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.contains(tag) {
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testPluginGeneratesSkipsReportsSchemaErrorsAndRegenerates() throws {
        if ProcessInfo.processInfo.environment["TARLAN_SKIP_BUILD_TESTS"] == "1" {
            throw XCTSkip("TARLAN_SKIP_BUILD_TESTS=1")
        }
        let version = try Self.run(["swift", "--version"], in: Self.packageRoot, timeout: 120)
        guard version.status == 0 else {
            throw XCTSkip("`swift` is not on PATH: \(version.output)")
        }

        let package = try makePackageCopy()
        let started = Date()

        // (a) A clean build generates the bindings and compiles them.
        let first = try build(package, "first build")
        XCTAssertEqual(first.status, 0, "the first build failed:\n\(first.output)")
        XCTAssertTrue(first.output.contains(Self.generatingMarker), "the first build did not run the generator:\n\(first.output)")
        guard first.status == 0 else { return }

        // (b) Nothing changed: the generator command does not run again.
        //
        // SwiftPM 6.3 on Linux re-wraps the ASTs and re-links `tarlan-generator-tool` once more on
        // the build after a clean one (with or without the tool in the command's `inputFiles`), so
        // that build re-runs the command. `OutputWriter` leaves the identical outputs untouched, so
        // nothing recompiles; from the next build on the command is skipped.
        let second = try build(package, "second, identical build")
        XCTAssertEqual(second.status, 0, second.output)
        XCTAssertFalse(
            second.output.contains("Compiling TarlanPayments"),
            "an identical build recompiled the bindings:\n\(second.output)"
        )
        if second.output.contains(Self.generatingMarker) {
            print("PluginBuildTests: the second build re-ran the generator (SwiftPM re-linked the tool); outputs unchanged")
        }
        let third = try build(package, "third, identical build")
        XCTAssertEqual(third.status, 0, third.output)
        XCTAssertFalse(third.output.contains(Self.generatingMarker), "an identical build ran the generator again:\n\(third.output)")
        XCTAssertFalse(third.output.contains("Compiling"), "an identical build compiled something:\n\(third.output)")

        // (c) A missing comma fails the build with the schema's file, line and column.
        let agws = package.appendingPathComponent("Schema/agws.json")
        let original = try String(contentsOf: agws, encoding: .utf8)
        let (brokenText, line, column) = try removeFirstMethodComma(from: original)
        try Data(brokenText.utf8).write(to: agws)
        let broken = try build(package, "build with a missing comma in agws.json")
        XCTAssertNotEqual(broken.status, 0, "a broken schema must fail the build:\n\(broken.output)")
        XCTAssertTrue(
            broken.output.contains("agws.json:\(line):\(column): error:"),
            "expected `agws.json:\(line):\(column): error:` in the build output:\n\(broken.output)"
        )

        // (d) Fixed again: the build regenerates and succeeds.
        try Data(original.utf8).write(to: agws)
        let fixed = try build(package, "build after fixing the comma")
        XCTAssertEqual(fixed.status, 0, "the build after the fix failed:\n\(fixed.output)")
        XCTAssertTrue(fixed.output.contains(Self.generatingMarker), "the fixed schema was not regenerated:\n\(fixed.output)")
        XCTAssertTrue(fixed.output.contains("Compiling TarlanPayments"), "the regenerated bindings were not compiled:\n\(fixed.output)")

        print("PluginBuildTests: all five builds took \(Self.seconds(since: started))")
    }

    /// The checked-in golden output (Tests/TarlanGeneratorTests/Golden) is real Swift: the library
    /// files compile against the runtime, and the generated fixture tests pass against them.
    func testGoldenOutputCompilesAndItsFixtureTestsPass() throws {
        if ProcessInfo.processInfo.environment["TARLAN_SKIP_BUILD_TESTS"] == "1" {
            throw XCTSkip("TARLAN_SKIP_BUILD_TESTS=1")
        }
        let version = try Self.run(["swift", "--version"], in: Self.packageRoot, timeout: 120)
        guard version.status == 0 else {
            throw XCTSkip("`swift` is not on PATH: \(version.output)")
        }
        let fileManager = FileManager.default
        let directory = fileManager.temporaryDirectory.appendingPathComponent("tarlan-golden-check-\(UUID().uuidString)")
        workDirectory = directory
        let golden = Self.packageRoot.appendingPathComponent("Tests/TarlanGeneratorTests/Golden")
        let library = directory.appendingPathComponent("Sources/TarlanPayments")
        let tests = directory.appendingPathComponent("Tests/GoldenFixtureTests")
        try fileManager.createDirectory(at: library, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: tests, withIntermediateDirectories: true)
        // The runtime's targets as they are, the C target under the core included.
        for runtime in ["CTarlanSHA256", "TarlanCore", "TarlanRuntime"] {
            try fileManager.copyItem(
                at: Self.packageRoot.appendingPathComponent("Sources/\(runtime)"),
                to: directory.appendingPathComponent("Sources/\(runtime)")
            )
        }
        // The hand-written part of TarlanPayments, then the golden generated files.
        for name in try fileManager.contentsOfDirectory(atPath: Self.packageRoot.appendingPathComponent("Sources/TarlanPayments").path) {
            try fileManager.copyItem(
                at: Self.packageRoot.appendingPathComponent("Sources/TarlanPayments").appendingPathComponent(name),
                to: library.appendingPathComponent(name)
            )
        }
        let mocks = directory.appendingPathComponent("Sources/TarlanPaymentsMocks")
        try fileManager.copyItem(at: Self.packageRoot.appendingPathComponent("Sources/TarlanPaymentsMocks"), to: mocks)
        for (source, destination) in [("library", library), ("mocks", mocks), ("tests", tests)] {
            let folder = golden.appendingPathComponent(source)
            let names = try fileManager.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            XCTAssertFalse(names.isEmpty, "no golden files in \(folder.path)")
            for name in names {
                try fileManager.copyItem(at: folder.appendingPathComponent(name), to: destination.appendingPathComponent(name))
            }
        }
        let manifest = """
            // swift-tools-version: 6.0
            import PackageDescription

            let package = Package(
                name: "GoldenCheck",
                platforms: [.macOS(.v13), .iOS(.v16)],
                targets: [
                    .target(name: "CTarlanSHA256"),
                    .target(name: "TarlanCore", dependencies: ["CTarlanSHA256"]),
                    .target(name: "TarlanRuntime", dependencies: ["TarlanCore"]),
                    .target(name: "TarlanPayments", dependencies: ["TarlanRuntime"]),
                    .target(name: "TarlanPaymentsMocks", dependencies: ["TarlanPayments"]),
                    .testTarget(name: "GoldenFixtureTests", dependencies: ["TarlanPayments", "TarlanPaymentsMocks"]),
                ],
                swiftLanguageModes: [.v6]
            )

            """
        try Data(manifest.utf8).write(to: directory.appendingPathComponent("Package.swift"))

        let started = Date()
        let result = try Self.run(["swift", "test"], in: directory, timeout: Self.timeout)
        print("PluginBuildTests: golden output build and fixture tests: exit \(result.status) after \(Self.seconds(since: started))")
        XCTAssertEqual(result.status, 0, "the golden output does not compile or its fixture tests fail:\n\(result.output)")
        XCTAssertFalse(result.output.contains("warning:"), "the golden output compiles with warnings:\n\(result.output)")
    }

    // MARK: The package copy

    /// Copies the package into a temporary folder without build folders, hidden files and tests:
    /// every visible top-level item except `Tests` (Package.swift, Schema, Generator, Plugins,
    /// Sources, …), with a manifest that has no test targets. A non-test target that lives under
    /// `Tests/` (shared test support) is copied too, so the manifest stays valid.
    private func makePackageCopy() throws -> URL {
        let fileManager = FileManager.default
        let directory = fileManager.temporaryDirectory.appendingPathComponent("tarlan-build-test-\(UUID().uuidString)")
        workDirectory = directory
        let package = directory.appendingPathComponent("TarlanKit")
        try fileManager.createDirectory(at: package, withIntermediateDirectories: true)
        for item in try fileManager.contentsOfDirectory(atPath: Self.packageRoot.path).sorted()
        where !item.hasPrefix(".") && !["Tests", "Package.swift", "Generated"].contains(item) {
            try fileManager.copyItem(
                at: Self.packageRoot.appendingPathComponent(item), to: package.appendingPathComponent(item)
            )
        }
        for required in ["Schema", "Generator", "Plugins", "Sources"] {
            XCTAssertTrue(fileManager.fileExists(atPath: package.appendingPathComponent(required).path), required)
        }
        let manifest = try String(contentsOf: Self.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let withoutTests = try Self.removingTestTargets(from: manifest)
        XCTAssertFalse(withoutTests.contains(".testTarget("))
        XCTAssertTrue(withoutTests.contains("\"TarlanPayments\""))
        for path in Self.customPaths(in: withoutTests) where path.hasPrefix("Tests/") {
            let destination = package.appendingPathComponent(path)
            try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fileManager.copyItem(at: Self.packageRoot.appendingPathComponent(path), to: destination)
        }
        try Data(withoutTests.utf8).write(to: package.appendingPathComponent("Package.swift"))
        return package
    }

    /// The `path: "…"` arguments of a manifest.
    static func customPaths(in manifest: String) -> [String] {
        guard let pattern = try? NSRegularExpression(pattern: #"path:\s*"([^"]+)""#) else { return [] }
        let range = NSRange(manifest.startIndex..., in: manifest)
        return pattern.matches(in: manifest, range: range).compactMap { match in
            Range(match.range(at: 1), in: manifest).map { String(manifest[$0]) }
        }
    }

    /// The manifest text with every `.testTarget(…)` entry (and its trailing comma) removed.
    static func removingTestTargets(from manifest: String) throws -> String {
        var text = manifest
        while let start = text.range(of: ".testTarget(") {
            var depth = 0
            var inString = false
            var index = start.lowerBound
            var end: String.Index?
            while index < text.endIndex {
                let character = text[index]
                if inString {
                    if character == "\\" {
                        index = text.index(after: index)
                    } else if character == "\"" {
                        inString = false
                    }
                } else if character == "\"" {
                    inString = true
                } else if character == "(" {
                    depth += 1
                } else if character == ")" {
                    depth -= 1
                    if depth == 0 {
                        end = text.index(after: index)
                        break
                    }
                }
                index = text.index(after: index)
            }
            guard var end else {
                throw NSError(domain: "PluginBuildTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "unbalanced .testTarget("])
            }
            if end < text.endIndex, text[end] == "," { end = text.index(after: end) }
            text.removeSubrange(start.lowerBound..<end)
        }
        return text
    }

    /// Deletes the comma after the first `"method": "…",` line; the parser then stops at the next
    /// member, whose line and column are returned.
    private func removeFirstMethodComma(from text: String) throws -> (String, line: Int, column: Int) {
        var lines = text.components(separatedBy: "\n")
        let index = try XCTUnwrap(
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\"method\": ") && $0.hasSuffix(",") },
            "agws.json has no `\"method\": …,` line"
        )
        lines[index].removeLast()
        let next = lines[index + 1]
        let indentation = next.prefix { $0 == " " }.count
        XCTAssertTrue(next.dropFirst(indentation).hasPrefix("\""), "the line after the method should be a member: \(next)")
        return (lines.joined(separator: "\n"), index + 2, indentation + 1)
    }

    // MARK: Running swift

    struct Result {
        var status: Int32
        var output: String
    }

    private func build(_ package: URL, _ label: String) throws -> Result {
        let started = Date()
        let result = try Self.run(["swift", "build", "--target", "TarlanPayments"], in: package, timeout: Self.timeout)
        print("PluginBuildTests: \(label): exit \(result.status) after \(Self.seconds(since: started))")
        return result
    }

    /// Runs a command found on PATH (through `/usr/bin/env`), output and errors merged, killing it
    /// when it takes longer than `timeout`.
    static func run(_ arguments: [String], in directory: URL, timeout: TimeInterval) throws -> Result {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tarlan-build-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Result(status: 127, output: "could not start \(arguments.joined(separator: " ")): \(error)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.25)
        }
        var timedOut = false
        if process.isRunning {
            timedOut = true
            process.terminate()
            let grace = Date().addingTimeInterval(10)
            while process.isRunning && Date() < grace { Thread.sleep(forTimeInterval: 0.25) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        var output = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        if timedOut {
            output += "\n[killed after \(Int(timeout)) seconds]"
            XCTFail("`\(arguments.joined(separator: " "))` timed out after \(Int(timeout)) seconds")
        }
        return Result(status: timedOut ? -1 : process.terminationStatus, output: output)
    }

    static func seconds(since start: Date) -> String {
        String(format: "%.1f s", Date().timeIntervalSince(start))
    }

    // MARK: The manifest edit itself

    func testRemovingTestTargetsKeepsEverythingElse() throws {
        let manifest = """
            targets: [
                .target(name: "A"),
                .testTarget(name: "ATests", dependencies: ["A"]),
                .testTarget(
                    name: "BTests",
                    dependencies: ["A"],
                    exclude: ["x (1)"]
                ),
                .executableTarget(name: "b"),
            ]
            """
        let edited = try Self.removingTestTargets(from: manifest)
        XCTAssertFalse(edited.contains("testTarget"), edited)
        XCTAssertTrue(edited.contains(".target(name: \"A\"),"), edited)
        XCTAssertTrue(edited.contains(".executableTarget(name: \"b\"),"), edited)
        XCTAssertEqual(Self.customPaths(in: manifest), [])
        XCTAssertEqual(
            Self.customPaths(in: #".target(name: "S", path: "Tests/Support"), .target(name: "G", path:"Generator/G")"#),
            ["Tests/Support", "Generator/G"]
        )
    }
}
