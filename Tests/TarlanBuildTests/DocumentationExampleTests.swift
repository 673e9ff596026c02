import Foundation
import XCTest

/// Every ```swift block of README.md and of the DocC catalog compiles as written, against a copy of
/// the package, in a downstream package whose manifest is the documentation's own, without a
/// warning; the documented tests (blocks importing XCTest) also pass.
///
/// Conventions (what the documentation's blocks are, so they need no markers):
/// * a block starting `// swift-tools-version` is the downstream manifest; every such block is the
///   same text, and it is the manifest the examples are built with;
/// * every other block is a module of its own (so two examples may declare the same names), a test
///   target when it imports `XCTest`, with both library products available;
/// * a block declaring a type or function at its top level is a file as written; a block of
///   statements is the body of an `async throws` function (its `import` lines stay at file scope).
///
/// Slow (a clean build of the package copy). Skipped like `PluginBuildTests`.
final class DocumentationExampleTests: XCTestCase {
    static let timeout: TimeInterval = 15 * 60

    private var workDirectory: URL?

    override func tearDownWithError() throws {
        if let workDirectory { PluginBuildTests.remove(workDirectory) }
    }

    func testEveryDocumentedSwiftExampleCompilesAsWritten() throws {
        if ProcessInfo.processInfo.environment["TARLAN_SKIP_BUILD_TESTS"] == "1" {
            throw XCTSkip("TARLAN_SKIP_BUILD_TESTS=1")
        }
        let version = try PluginBuildTests.run(["swift", "--version"], in: PluginBuildTests.packageRoot, timeout: 120)
        guard version.status == 0 else { throw XCTSkip("`swift` is not on PATH: \(version.output)") }

        let blocks = try Self.documentedBlocks()
        let manifests = blocks.filter(\.isManifest)
        let examples = blocks.filter { !$0.isManifest }
        let manifest = try XCTUnwrap(manifests.first, "no documented manifest (a block starting `// swift-tools-version`)")
        for other in manifests.dropFirst() {
            XCTAssertEqual(other.code, manifest.code, "\(other.location) differs from the manifest at \(manifest.location)")
        }
        XCTAssertGreaterThanOrEqual(examples.count, 10, "fewer Swift examples than the documentation has")

        let fileManager = FileManager.default
        let directory = fileManager.temporaryDirectory.appendingPathComponent("tarlan-doc-examples-\(UUID().uuidString)")
        workDirectory = directory
        try Self.copyPackage(to: directory.appendingPathComponent("TarlanKit"))
        let shop = directory.appendingPathComponent("Shop")
        try fileManager.createDirectory(at: shop, withIntermediateDirectories: true)

        // The manifest as documented, then one target per example.
        var targets: [String] = []
        for example in examples {
            let folder = shop.appendingPathComponent("Examples/\(example.targetName)")
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            let source = "// \(example.location)\n" + example.sourceFile()
            try Data(source.utf8).write(to: folder.appendingPathComponent("\(example.targetName).swift"))
            let kind = example.importsXCTest ? "testTarget" : "target"
            targets.append(
                """
                    .\(kind)(
                        name: "\(example.targetName)",
                        dependencies: [
                            .product(name: "TarlanPayments", package: "TarlanKit"),
                            .product(name: "TarlanPaymentsMocks", package: "TarlanKit"),
                        ],
                        path: "Examples/\(example.targetName)"
                    ),
                """)
        }
        let appended = "\n// Added by DocumentationExampleTests: one target per documented example.\n"
            + "package.targets += [\n\(targets.joined(separator: "\n"))\n]\n"
        try Data((manifest.code + appended).utf8).write(to: shop.appendingPathComponent("Package.swift"))
        // The documented manifest's own targets need a source each.
        for target in Self.declaredTargets(in: manifest.code) {
            let folder = shop.appendingPathComponent(target.isTest ? "Tests/\(target.name)" : "Sources/\(target.name)")
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            let placeholder = target.isTest
                ? "import XCTest\n\nfinal class PlaceholderTests: XCTestCase {}\n"
                : "import TarlanPayments\n\nlet placeholder = TarlanKit.version\n"
            try Data(placeholder.utf8).write(to: folder.appendingPathComponent("Placeholder.swift"))
        }

        let started = Date()
        let result = try PluginBuildTests.run(["swift", "build", "--build-tests"], in: shop, timeout: Self.timeout)
        print("DocumentationExampleTests: \(examples.count) examples built: exit \(result.status) after \(PluginBuildTests.seconds(since: started))")
        XCTAssertEqual(result.status, 0, "a documented example does not compile:\n\(result.output)")
        let warnings = result.output.split(separator: "\n").filter { $0.contains("warning:") }
        XCTAssertEqual(warnings, [], "documented examples compile with warnings:\n\(result.output)")
        guard result.status == 0 else { return }

        // The documented tests say what the mock does: they must pass, not only compile.
        let tests = try PluginBuildTests.run(["swift", "test", "--skip-build"], in: shop, timeout: Self.timeout)
        XCTAssertEqual(tests.status, 0, "a documented test fails:\n\(tests.output)")
        let documentedTests = examples.filter(\.importsXCTest).count
        XCTAssertGreaterThan(documentedTests, 0)
        XCTAssertFalse(tests.output.contains("Executed 0 tests"), "the documented tests did not run:\n\(tests.output)")
    }

    // MARK: Blocks

    struct Block: Equatable {
        var file: String
        var line: Int
        var code: String

        var location: String { "\(file):\(line)" }
        var isManifest: Bool { code.hasPrefix("// swift-tools-version") }
        var lines: [Substring] { code.split(separator: "\n", omittingEmptySubsequences: false) }
        var importsXCTest: Bool { lines.contains { $0 == "import XCTest" } }

        /// A block that declares something at its top level is a file; otherwise it is statements.
        var declaresAtTopLevel: Bool {
            let keywords = ["func", "struct", "enum", "class", "actor", "extension", "protocol", "typealias"]
            return lines.contains { line in
                var words = line.split(separator: " ").map(String.init)
                while let first = words.first, first.hasPrefix("@") || ["public", "final", "private"].contains(first) {
                    words.removeFirst()
                }
                return words.first.map(keywords.contains) ?? false
            }
        }

        var targetName: String {
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            return "Example" + stem.filter { $0.isLetter || $0.isNumber } + "Line\(line)"
        }

        /// The Swift file the block is compiled as.
        func sourceFile() -> String {
            if declaresAtTopLevel { return code }
            let imports = lines.filter { $0.hasPrefix("import ") }
            let body = lines.filter { !$0.hasPrefix("import ") }
                .map { $0.isEmpty ? "" : "    " + $0 }
            return imports.joined(separator: "\n") + "\n\nfunc documentedExample() async throws {\n"
                + body.joined(separator: "\n") + "\n}\n"
        }
    }

    /// The ```swift blocks of README.md and of every article of the DocC catalog.
    static func documentedBlocks() throws -> [Block] {
        let root = PluginBuildTests.packageRoot
        let catalog = "Sources/TarlanPayments/TarlanPayments.docc"
        let articles = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(catalog).path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "\(catalog)/\($0)" }
        return try (["README.md"] + articles).flatMap { path in
            try swiftBlocks(in: String(contentsOf: root.appendingPathComponent(path), encoding: .utf8), file: path)
        }
    }

    /// Fenced blocks opened by a line that is ```swift (indented in a list item, or not), with the
    /// line number of their first line and the fence's indentation removed.
    static func swiftBlocks(in text: String, file: String) -> [Block] {
        var blocks: [Block] = []
        var current: (line: Int, indentation: Int, lines: [Substring])?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indentation = line.prefix { $0 == " " }.count
            if var open = current {
                if line.dropFirst(indentation).hasPrefix("```") {
                    blocks.append(Block(file: file, line: open.line, code: open.lines.joined(separator: "\n") + "\n"))
                    current = nil
                } else {
                    open.lines.append(line.dropFirst(min(indentation, open.indentation)))
                    current = open
                }
            } else if line.dropFirst(indentation) == "```swift" {
                current = (index + 2, indentation, [])
            }
        }
        return blocks
    }

    /// `.target(name: "…"` and `.testTarget(name: "…"` of a manifest.
    static func declaredTargets(in manifest: String) -> [(name: String, isTest: Bool)] {
        guard let pattern = try? NSRegularExpression(pattern: #"\.(target|testTarget)\(\s*name:\s*"([^"]+)""#) else { return [] }
        let range = NSRange(manifest.startIndex..., in: manifest)
        return pattern.matches(in: manifest, range: range).compactMap { match in
            guard let kind = Range(match.range(at: 1), in: manifest), let name = Range(match.range(at: 2), in: manifest)
            else { return nil }
            return (String(manifest[name]), manifest[kind] == "testTarget")
        }
    }

    /// The package without tests, build folders and hidden files, as `PluginBuildTests` copies it.
    static func copyPackage(to package: URL) throws {
        let fileManager = FileManager.default
        let root = PluginBuildTests.packageRoot
        try fileManager.createDirectory(at: package, withIntermediateDirectories: true)
        for item in try fileManager.contentsOfDirectory(atPath: root.path).sorted()
        where !item.hasPrefix(".") && !["Tests", "Package.swift", "Generated"].contains(item) {
            try fileManager.copyItem(at: root.appendingPathComponent(item), to: package.appendingPathComponent(item))
        }
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let withoutTests = try PluginBuildTests.removingTestTargets(from: manifest)
        for path in PluginBuildTests.customPaths(in: withoutTests) where path.hasPrefix("Tests/") {
            let destination = package.appendingPathComponent(path)
            try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fileManager.copyItem(at: root.appendingPathComponent(path), to: destination)
        }
        try Data(withoutTests.utf8).write(to: package.appendingPathComponent("Package.swift"))
    }

    // MARK: The conventions themselves

    func testBlocksAreFoundAndClassified() {
        let text = """
            intro
            ```swift
            let x = 1
            print(x)
            ```
            ```sh
            swift build
            ```
            ```swift
            import XCTest

            final class T: XCTestCase {}
            ```
            * a list item:

              ```swift
              struct S {
                  var x = 1
              }
              ```
            """
        let blocks = Self.swiftBlocks(in: text, file: "Doc.md")
        XCTAssertEqual(blocks.map(\.line), [3, 10, 17])
        XCTAssertEqual(blocks.map(\.declaresAtTopLevel), [false, true, true])
        XCTAssertEqual(blocks.map(\.importsXCTest), [false, true, false])
        XCTAssertEqual(blocks[2].code, "struct S {\n    var x = 1\n}\n")
        XCTAssertEqual(blocks[0].targetName, "ExampleDocLine3")
        XCTAssertEqual(blocks[0].sourceFile(), "\n\nfunc documentedExample() async throws {\n    let x = 1\n    print(x)\n\n}\n")
        XCTAssertEqual(blocks[1].sourceFile(), blocks[1].code)
        let targets = Self.declaredTargets(in: #".target(name: "Shop"), .testTarget(\#n name: "ShopTests")"#)
        XCTAssertEqual(targets.map(\.name), ["Shop", "ShopTests"])
        XCTAssertEqual(targets.map(\.isTest), [false, true])
    }

    func testTheDocumentationHasExamplesAndOneManifest() throws {
        let blocks = try Self.documentedBlocks()
        XCTAssertTrue(blocks.contains { $0.file == "README.md" && $0.isManifest })
        XCTAssertEqual(Set(blocks.filter(\.isManifest).map(\.code)).count, 1, "the documented manifests differ")
        XCTAssertEqual(Set(blocks.map(\.targetName)).count, blocks.count, "two examples would share a target name")
    }
}
