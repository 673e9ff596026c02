import Foundation
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// The published seed pages (`../shared/seeds` beside the package, as in CI's clean clone), the
/// real schema, and running `check-docs` on page text the tests edit.
enum DocsCheckTestSupport {
    static var seedsDirectory: URL {
        GeneratorTestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    }

    struct Seed {
        var name: String
        var text: String
    }

    /// Every seed page, by file name.
    static func seeds() throws -> [Seed] {
        let directory = seedsDirectory
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw XCTSkip("no seed pages at \(directory.path) (../shared beside the package)")
        }
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map { name in
            Seed(name: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The seed page that starts as `opening` (a Markdown page's `# Title`, a rendered page's title line).
    static func seed(containing marker: String, form: DocumentationPage.Form) throws -> Seed {
        let matching = try seeds().filter { seed in
            seed.text.contains(marker) && (try? page(seed.text, path: seed.name).form) == form
        }
        return try XCTUnwrap(matching.first, "no \(form) seed page contains \(marker)")
    }

    static let schema: APISchema = {
        // A load failure makes every comparison fail loudly below, which is the report we want.
        (try? SchemaSource.read(GeneratorTestSupport.packageRoot.appendingPathComponent("Schema").path).load()) ?? APISchema()
    }()

    static func page(_ text: String, path: String) throws -> DocumentationPage {
        try PageReader.read(Array(text.utf8), path: path)
    }

    static func check(_ text: String, path: String = "page") throws -> PageCheck {
        try DocsCheck.check(try page(text, path: path), against: schema)
    }

    /// The text with `original` (which must occur exactly once) replaced.
    static func edit(_ text: String, _ original: String, _ replacement: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertEqual(text.components(separatedBy: original).count - 1, 1, "\(original) must occur once", file: file, line: line)
        return text.replacingOccurrences(of: original, with: replacement)
    }

    /// Asserts the check found exactly one finding, of this kind, field and pointer.
    static func assertOneFinding(
        _ check: PageCheck, _ kind: DocsFinding.Kind, field: String?, pointer: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(check.findings.count, 1, "findings: \(check.findings.map(\.message))", file: file, line: line)
        guard let finding = check.findings.first else { return }
        XCTAssertEqual(finding.kind, kind, finding.message, file: file, line: line)
        XCTAssertEqual(finding.field, field, finding.message, file: file, line: line)
        XCTAssertEqual(finding.pointer, pointer, finding.message, file: file, line: line)
    }
}
