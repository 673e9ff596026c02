import Foundation
import PackagePlugin

/// `swift package check-docs PAGE... [--format markdown|json] [--draft]`
///
/// Runs `tarlan-generator check-docs` on the pages against the package's `Schema/` and prints the
/// report. Only reads the package. Fails when a page drifted from the schema or cannot be read.
@main
struct CheckDocsPlugin: CommandPlugin {
    static let usage = "usage: swift package check-docs PAGE... [--format markdown|json] [--draft]"

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let formats = extractor.extractOption(named: "format")
        let draft = extractor.extractFlag(named: "draft") > 0
        let pages = extractor.remainingArguments
        guard !pages.isEmpty, formats.count <= 1, !pages.contains(where: { $0.hasPrefix("-") }) else {
            throw PluginFailure(Self.usage)
        }

        let package = context.package.directoryURL
        var checkArguments = ["check-docs"]
        // Pages are named relative to where `swift package` runs, which is the package folder.
        checkArguments += pages.map { $0.hasPrefix("/") ? $0 : package.appending(path: $0).path(percentEncoded: false) }
        checkArguments += ["--schema", package.appending(path: "Schema").path(percentEncoded: false)]
        if let format = formats.first { checkArguments += ["--format", format] }
        if draft { checkArguments.append("--draft") }

        let process = Process()
        process.executableURL = try context.tool(named: "tarlan-generator").url
        process.arguments = checkArguments
        process.currentDirectoryURL = package
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if !data.isEmpty { print(String(decoding: data, as: UTF8.self), terminator: "") }
        switch process.terminationStatus {
        case 0: return
        case 1: throw PluginFailure("the documentation differs from the schema (see the report)")
        case 2: throw PluginFailure("a page cannot be read as documentation (see the errors above)")
        default: throw PluginFailure("tarlan-generator check-docs failed with status \(process.terminationStatus)")
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
