import Foundation
import PackagePlugin

/// `swift package generate-sources [--output DIR]` (default `Generated/`, which git ignores)
///
/// Writes what the build plugin generates, to read or review it: `DIR/TarlanPayments/` (the
/// bindings), `DIR/TarlanPaymentsMocks/` (the mock's examples) and `DIR/TarlanFixtureTests/` (the
/// fixture tests). It runs `tarlan-generate`
/// with exactly the build plugin's arguments (same schema files, same order, same modes), so the
/// files are byte for byte the ones the build compiles; a test checks it.
@main
struct GenerateSourcesPlugin: CommandPlugin {
    static let usage = "usage: swift package generate-sources [--output DIR]"

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let outputs = extractor.extractOption(named: "output")
        guard outputs.count <= 1, extractor.remainingArguments.isEmpty else { throw PluginFailure(Self.usage) }
        let package = context.package.directoryURL
        let output =
            outputs.first.map { URL(fileURLWithPath: $0, relativeTo: package).standardizedFileURL }
            ?? package.appending(path: "Generated")

        // The build plugin's schema list: `Schema/*.json` except `*.schema.json`, sorted by name.
        let schemaFiles = try FileManager.default
            .contentsOfDirectory(at: package.appending(path: "Schema"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasSuffix(".schema.json") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let generator = try context.tool(named: "tarlan-generate").url
        // The build plugin's targets and modes.
        for (target, mode) in [
            ("TarlanPayments", "library"), ("TarlanPaymentsMocks", "mocks"), ("TarlanFixtureTests", "tests"),
        ] {
            let directory = output.appending(path: target)
            let process = Process()
            process.executableURL = generator
            process.arguments =
                ["--mode", mode, "--output", directory.path(percentEncoded: false)]
                + schemaFiles.map { $0.path(percentEncoded: false) }
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw PluginFailure("tarlan-generate --mode \(mode) failed with status \(process.terminationStatus)")
            }
            print("Generated \(target) sources in \(directory.path(percentEncoded: false))")
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
