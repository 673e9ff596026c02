import Foundation

extension HostileServerSuite {
    /// The suite's cases that a test file does not run: XCTest needs one method per case, written by
    /// hand in each transport's test class, so a case added here could otherwise be silently skipped.
    ///
    /// Reads this module's sources (beside this file) for the suite's public test methods, and the test
    /// file for the calls to them. Call it from the test class's own file:
    /// `XCTAssertEqual(try HostileServerSuite.casesNotRun(), [])`.
    public static func casesNotRun(byTestFile testFile: String = #filePath) throws -> [String] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let sources = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
        var cases: Set<String> = []
        for source in sources {
            let text = try String(contentsOf: source, encoding: .utf8)
            for match in text.matches(of: /\n    public func (test\w+)\(\) async throws/) { cases.insert(String(match.1)) }
        }
        let forwarding = try String(contentsOfFile: testFile, encoding: .utf8)
        let run = Set(forwarding.matches(of: /try await suite\.(test\w+)\(\)/).map { String($0.1) })
        return cases.subtracting(run).sorted()
    }
}
