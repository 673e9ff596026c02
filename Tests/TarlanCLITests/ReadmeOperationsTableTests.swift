import Foundation
import XCTest

/// The README's table of operations must list exactly what the schema defines.
final class ReadmeOperationsTableTests: XCTestCase {
    func testReadmeTableMatchesTheSchema() throws {
        let readme = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = "<!-- operations:begin (swift run tarlan list --markdown) -->\n"
        let end = "<!-- operations:end -->"
        let start = try XCTUnwrap(readme.range(of: begin), "README.md lacks the operations table markers")
        let stop = try XCTUnwrap(readme.range(of: end, range: start.upperBound..<readme.endIndex))
        let table = String(readme[start.upperBound..<stop.lowerBound])

        let generated = try CommandRunner.run("tarlan", ["list", "--markdown"])
        XCTAssertEqual(generated.status, 0)
        XCTAssertEqual(
            table, generated.standardOutput,
            "README.md's operations table is out of date: replace it with the output of `swift run tarlan list --markdown`"
        )
    }

    func testListPrintsOneLinePerOperation() throws {
        let list = try CommandRunner.run("tarlan", ["list"])
        XCTAssertEqual(list.status, 0)
        let lines = list.standardOutput.split(separator: "\n")
        let markdown = try CommandRunner.run("tarlan", ["list", "--markdown"]).standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, markdown.count - 2)
        XCTAssertTrue(lines.contains { $0.hasPrefix("getTransactionStatus") && $0.contains(" GET ") && $0.hasSuffix("acquiring") })
    }
}
