import Foundation
import PackagePlugin

/// Wires `Schema/*.json` to `tarlan-generator`; nothing else happens here.
///
/// The output list is fixed (one file per concern, never per operation), so SwiftPM can
/// skip the command when no input changed, and adding an endpoint needs no plugin change.
@main
struct TarlanGeneratorPlugin: BuildToolPlugin {
    /// Must match `OutputLayout` in TarlanGeneratorKit (a test checks it).
    static let outputs = [
        "library": ["Callbacks.swift", "Clients.swift", "Enums.swift", "Models.swift", "Operations.swift"],
        "mocks": ["Examples.swift"],
        "tests": ["FixtureTests.swift", "SignatureVectorTests.swift"],
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        // Test targets get fixture tests; a target named `…Mocks`, the examples; any other, the bindings.
        let mode = sourceTarget.kind == .test ? "tests" : target.name.hasSuffix("Mocks") ? "mocks" : "library"
        let schemaDirectory = context.package.directoryURL.appending(path: "Schema")
        let schemaFiles = try FileManager.default
            .contentsOfDirectory(at: schemaDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasSuffix(".schema.json") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let generator = try context.tool(named: "tarlan-generate")
        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let outputs = (Self.outputs[mode] ?? []).map { outputDirectory.appending(path: $0) }

        return [
            .buildCommand(
                displayName: "Generating \(mode) sources of \(target.name) from Schema/",
                executable: generator.url,
                arguments: [
                    "--mode", mode,
                    "--output", outputDirectory.path(percentEncoded: false),
                ] + schemaFiles.map { $0.path(percentEncoded: false) },
                inputFiles: schemaFiles + [generator.url],
                outputFiles: outputs
            )
        ]
    }
}
