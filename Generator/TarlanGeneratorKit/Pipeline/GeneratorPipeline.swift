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
        let swiftFiles = lower(checked, mode: mode)
        var rendered: [String: String] = [:]
        for file in swiftFiles {
            rendered[file.name] = SwiftRenderer.render(file)
        }
        return GeneratedOutput(files: rendered, warnings: checked.warnings)
    }

    static func lower(_ schema: CheckedSchema, mode: GenerationMode) -> [SwiftFile] {
        switch mode {
        case .library:
            [
                CallbackLowering.file(schema),
                ClientLowering.file(schema),
                EnumLowering.file(schema),
                ModelLowering.file(schema),
                CatalogLowering.operationsFile(schema),
            ]
        case .mocks:
            [CatalogLowering.examplesFile(schema)]
        case .tests:
            [FixtureTestLowering.fixturesFile(schema), FixtureTestLowering.vectorsFile(schema)]
        }
    }
}
