import Foundation
import XCTest

/// Runs a product built next to the test bundle (`.build/<triple>/debug/`) and captures its output.
struct CommandRunner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static var buildDirectory: URL {
        // The test bundle (`….xctest`, the process on Linux, an argument of `xctest` on macOS)
        // lives in the same folder as the package's executables.
        let bundle = CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: bundle).deletingLastPathComponent()
    }

    static func run(
        _ product: String,
        _ arguments: [String],
        input: String = "",
        environment: [String: String] = [:]
    ) throws -> Result {
        let executable = buildDirectory.appendingPathComponent(product)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("\(product) is not built at \(executable.path); run `swift build` first")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment["TARLAN_SECRET"] = nil
        processEnvironment.merge(environment) { _, new in new }
        process.environment = processEnvironment
        // Standard input from a file, not a pipe: a tool that exits before reading it (a usage
        // error) would otherwise end this test process with SIGPIPE.
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("tarlan-input-\(UUID().uuidString)")
        try Data(input.utf8).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let stdin = try FileHandle(forReadingFrom: inputFile)
        defer { try? stdin.close() }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errors, as: UTF8.self)
        )
    }

    /// The repository root, found from this file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
