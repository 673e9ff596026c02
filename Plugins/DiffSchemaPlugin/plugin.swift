import Foundation
import PackagePlugin

/// `swift package diff-schema --base GIT-REF [--format markdown|json] [--fail-on-breaking] [--verify-api]`
///
/// Extracts `Schema/` as it is at GIT-REF (`git archive`) into the plugin's work folder and runs
/// `tarlan-generator diff` against the package's `Schema/`; prints the report. `--verify-api` first
/// builds the runtime (through the `tarlan` product) and has `swift-api-digester` check the
/// swift-breaking verdicts on the modules generated from both sides. Only reads the package. Fails
/// when `--fail-on-breaking` is given and a change is breaking, or when either schema cannot be read.
@main
struct DiffSchemaPlugin: CommandPlugin {
    static let usage =
        "usage: swift package diff-schema --base GIT-REF [--format markdown|json] [--fail-on-breaking] [--verify-api]"

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let bases = extractor.extractOption(named: "base")
        let formats = extractor.extractOption(named: "format")
        let failOnBreaking = extractor.extractFlag(named: "fail-on-breaking") > 0
        let verifyAPI = extractor.extractFlag(named: "verify-api") > 0
        guard bases.count == 1, let base = bases.first, formats.count <= 1, extractor.remainingArguments.isEmpty else {
            throw PluginFailure(Self.usage)
        }

        let package = context.package.directoryURL
        let work = context.pluginWorkDirectoryURL.appending(path: "base")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let archive = work.appending(path: "Schema.tar")
        try Self.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["git", "archive", "--format=tar", "--output", archive.path(percentEncoded: false), base, "Schema"],
            in: package, what: "git archive \(base) Schema"
        )
        try Self.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["tar", "-x", "-f", archive.path(percentEncoded: false), "-C", work.path(percentEncoded: false)],
            in: package, what: "tar"
        )

        var diffArguments = [
            "diff",
            work.appending(path: "Schema").path(percentEncoded: false),
            package.appending(path: "Schema").path(percentEncoded: false),
        ]
        if let format = formats.first { diffArguments += ["--format", format] }
        if failOnBreaking { diffArguments.append("--fail-on-breaking") }
        if verifyAPI {
            diffArguments += ["--verify-api", "--build-folder", try buildRuntime().path(percentEncoded: false)]
        }
        let status = try Self.run(
            try context.tool(named: "tarlan-generator").url, diffArguments, in: package, what: "tarlan-generator diff",
            checked: false
        )
        switch status {
        case 0: return
        case 1: throw PluginFailure("breaking schema changes since \(base)")
        default: throw PluginFailure("tarlan-generator diff failed with status \(status)")
        }
    }

    /// Builds the runtime the generated modules compile against, through the `tarlan` executable
    /// (which depends on it), and returns the build folder it is in.
    private func buildRuntime() throws -> URL {
        let result = try packageManager.build(.product("tarlan"), parameters: .init(configuration: .debug))
        guard result.succeeded, let executable = result.builtArtifacts.first(where: { $0.kind == .executable }) else {
            throw PluginFailure("building the runtime for --verify-api failed:\n\(result.logText)")
        }
        return executable.url.deletingLastPathComponent()
    }

    /// Runs a process, its standard output printed here and its errors passed through; throws on a
    /// non-zero status unless `checked` is false.
    @discardableResult
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, what: String, checked: Bool = true)
        throws -> Int32
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if !data.isEmpty { print(String(decoding: data, as: UTF8.self), terminator: "") }
        if checked, process.terminationStatus != 0 {
            throw PluginFailure("\(what) failed with status \(process.terminationStatus)")
        }
        return process.terminationStatus
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
