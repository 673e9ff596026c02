/// What the generator produces: the module's sources, the mocks library's example table, or the
/// fixture tests.
package enum GenerationMode: String, Sendable, CaseIterable {
    case library
    /// The examples `MockTransport` answers with, kept out of the production library.
    case mocks
    case tests
}

/// The fixed list of files each mode writes. The build plugin declares the same list.
package enum OutputLayout {
    package static func fileNames(for mode: GenerationMode) -> [String] {
        switch mode {
        case .library: ["Callbacks.swift", "Clients.swift", "Enums.swift", "Models.swift", "Operations.swift"]
        case .mocks: ["Examples.swift"]
        case .tests: ["FixtureTests.swift", "SignatureVectorTests.swift"]
        }
    }
}

/// The result of a run: rendered files by name, and the warnings found on the way.
package struct GeneratedOutput: Sendable {
    package var files: [String: String]
    package var warnings: [Diagnostic]
}

/// load → validate (and resolve) → lower → render. Pure: bytes in, text out; writing is `OutputWriter`'s job.
package enum GeneratorPipeline {
    package static func run(_ files: [SchemaLoader.File], mode: GenerationMode) throws(GenerationFailed)
        -> GeneratedOutput
    {
        let schema = try SchemaLoader.load(files)
        let checked = try SchemaValidator.check(schema)
        // One file after another: each spreads its own parts over the cores. (Files side by side would
        // nest `concurrentPerform`, and a nested one runs on its caller's thread alone.)
        let rendered = lowerings(for: mode).map { lower in
            let file = lower(checked)
            return (file.name, SwiftRenderer.render(file))
        }
        return GeneratedOutput(files: Dictionary(uniqueKeysWithValues: rendered), warnings: checked.warnings)
    }

    private static func lowerings(for mode: GenerationMode) -> [@Sendable (CheckedSchema) -> SwiftFile] {
        switch mode {
        case .library:
            [
                CallbackLowering.file,
                ClientLowering.file,
                EnumLowering.file,
                ModelLowering.file,
                CatalogLowering.operationsFile,
            ]
        case .mocks:
            [CatalogLowering.examplesFile]
        case .tests:
            [FixtureTestLowering.fixturesFile, FixtureTestLowering.vectorsFile]
        }
    }
}
