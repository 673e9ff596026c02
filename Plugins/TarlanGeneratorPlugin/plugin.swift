import Foundation
import PackagePlugin

/// Wires `Schema/*.json` to `tarlan-generator`; nothing else happens here.
///
/// The output list is fixed (one file per concern, never per operation), so SwiftPM can
/// skip the command when no input changed, and adding an endpoint needs no plugin change.
@main
struct TarlanGeneratorPlugin: BuildToolPlugin {
    /// Must match `OutputLayout` in TarlanGeneratorKit (a test checks it).
    static let libraryOutputs = [
        "Callbacks.swift", "Clients.swift", "Enums.swift", "Examples.swift", "Models.swift", "Operations.swift",
    ]
    static let testOutputs = ["FixtureTests.swift", "SignatureVectorTests.swift"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        let isTests = sourceTarget.kind == .test
        let schemaDirectory = context.package.directoryURL.appending(path: "Schema")
        let schemaFiles = try FileManager.default
            .contentsOfDirectory(at: schemaDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasSuffix(".schema.json") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let generator = try context.tool(named: "tarlan-generate")
        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let outputs = (isTests ? Self.testOutputs : Self.libraryOutputs)
            .map { outputDirectory.appending(path: $0) }

        return [
            .buildCommand(
                displayName: "Generating \(isTests ? "fixture tests" : "Swift bindings") from Schema/",
                executable: generator.url,
                arguments: [
                    "--mode", isTests ? "tests" : "library",
                    "--output", outputDirectory.path(percentEncoded: false),
                ] + schemaFiles.map { $0.path(percentEncoded: false) },
                inputFiles: schemaFiles + [generator.url],
                outputFiles: outputs
            )
        ]
    }
}
