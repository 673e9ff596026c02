// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "TarlanKit",
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        .library(name: "TarlanPayments", targets: ["TarlanPayments"]),
        // For tests and demos: `MockTransport` (the schema's examples, checked requests) and `InMemoryTransport`.
        .library(name: "TarlanPaymentsMocks", targets: ["TarlanPaymentsMocks"]),
        // For authors of an `HTTPTransport` (Integrations/TarlanAsyncHTTPClient): the hostile-server cases every
        // transport must pass, and the loopback server they use. Needs XCTest; for test targets only.
        .library(name: "TarlanTransportTesting", targets: ["TarlanTransportTesting"]),
        .executable(name: "tarlan", targets: ["tarlan"]),
        .executable(name: "tarlan-generator", targets: ["tarlan-generator"]),
        .executable(name: "tarlan-benchmarks", targets: ["tarlan-benchmarks"]),
        .plugin(name: "TarlanGeneratorPlugin", targets: ["TarlanGeneratorPlugin"]),
    ],
    dependencies: [],
    targets: [
        // What the generator and the runtime share: JSON, canonical JSON, signing, descriptors, the
        // response interpreter, errors, webhook verification. Small, because a downstream build compiles
        // it twice (for the build plugin's tool and for the library).
        .target(name: "TarlanCore", dependencies: ["CTarlanSHA256"]),
        // SHA-256 with the CPU's SHA instructions (x86_64 SHA extensions, AArch64 SHA2 on Linux),
        // chosen at run time: per-function target attributes, no compiler flags. Stubs elsewhere.
        .target(name: "CTarlanSHA256"),
        // Hand-written runtime over the core: the client core, transports, configuration.
        .target(name: "TarlanRuntime", dependencies: ["TarlanCore"]),
        // Generated bindings (models, clients, catalog) over the runtime.
        .target(
            name: "TarlanPayments",
            dependencies: ["TarlanRuntime"],
            plugins: ["TarlanGeneratorPlugin"]
        ),
        // The mock and the schema's examples, kept out of the production library.
        .target(
            name: "TarlanPaymentsMocks",
            dependencies: ["TarlanPayments"],
            plugins: ["TarlanGeneratorPlugin"]
        ),
        .executableTarget(name: "tarlan", dependencies: ["TarlanPayments", "TarlanPaymentsMocks"]),

        // The generator: load → validate → lower → render.
        .target(
            name: "TarlanGeneratorKit",
            dependencies: ["TarlanCore"],
            path: "Generator/TarlanGeneratorKit"
        ),
        // The build plugin's tool: generation only.
        .executableTarget(
            name: "tarlan-generate",
            dependencies: ["TarlanGeneratorKit"],
            path: "Generator/tarlan-generate"
        ),
        // Maintainers' tools over the generator: schema diff, OpenAPI export.
        .target(
            name: "TarlanSchemaTools",
            dependencies: ["TarlanGeneratorKit"],
            path: "Generator/TarlanSchemaTools"
        ),
        // `tarlan-generator generate|diff|openapi|check-docs`: the command plugins' tool and the maintainers' CLI.
        .executableTarget(
            name: "tarlan-generator",
            dependencies: ["TarlanSchemaTools"],
            path: "Generator/tarlan-generator"
        ),
        .plugin(
            name: "TarlanGeneratorPlugin",
            capability: .buildTool(),
            dependencies: ["tarlan-generate"],
            path: "Plugins/TarlanGeneratorPlugin"
        ),
        // `swift package diff-schema --base REF`: the schema's changes since REF, breaking ones first.
        .plugin(
            name: "DiffSchemaPlugin",
            capability: .command(intent: .custom(
                verb: "diff-schema",
                description: "Compare Schema/ with its state at a git ref (--base REF) and classify every change"
            )),
            dependencies: ["tarlan-generator"],
            path: "Plugins/DiffSchemaPlugin"
        ),
        // `swift package check-docs PAGE... [--format markdown|json] [--draft]`: documentation pages
        // against Schema/, every difference the schema does not already record.
        .plugin(
            name: "CheckDocsPlugin",
            capability: .command(intent: .custom(
                verb: "check-docs",
                description: "Compare documentation pages (GitBook Markdown or rendered text) with Schema/ and report drift"
            )),
            dependencies: ["tarlan-generator"],
            path: "Plugins/CheckDocsPlugin"
        ),
        // `swift package generate-sources [--output DIR]`: the build plugin's output, written to Generated/.
        .plugin(
            name: "GenerateSourcesPlugin",
            capability: .command(
                intent: .custom(verb: "generate-sources", description: "Write the generated sources to Generated/ (or --output DIR)"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated sources to Generated/ (or --output DIR)")]
            ),
            dependencies: ["tarlan-generate"],
            path: "Plugins/GenerateSourcesPlugin"
        ),

        // `swift run -c release tarlan-benchmarks`: generation, per-call overhead, signing, decoding (Benchmarks/README.md).
        .executableTarget(
            name: "tarlan-benchmarks",
            dependencies: ["TarlanPayments", "TarlanPaymentsMocks", "TarlanGeneratorKit"],
            path: "Benchmarks/Sources/tarlan-benchmarks"
        ),

        .testTarget(name: "TarlanCoreTests", dependencies: ["TarlanCore", "TarlanTestSupport"]),
        .testTarget(
            name: "TarlanGeneratorTests",
            dependencies: ["TarlanSchemaTools", "TarlanTestSupport"],
            // Test inputs and checked-in expected output, read at run time; never compiled.
            exclude: ["Fixtures", "Golden"]
        ),
        // Shared by the test targets: seeded JSON mutations for the fuzz tests, test-only literals.
        .target(name: "TarlanTestSupport", dependencies: ["TarlanRuntime"], path: "Tests/TarlanTestSupport"),
        // A loopback HTTP server that answers, truncates, hangs, redirects or streams on cue, and the
        // hostile-server cases every transport runs (URLSessionTransport here, others in Integrations/).
        .target(
            name: "TarlanTransportTesting",
            dependencies: ["TarlanPayments"],
            path: "Tests/TarlanTransportTesting"
        ),
        .testTarget(
            name: "TarlanPaymentsTests",
            dependencies: ["TarlanPayments", "TarlanPaymentsMocks", "TarlanTestSupport", "TarlanTransportTesting"]
        ),
        // Builds a copy of the package with the real toolchain to check the plugin (slow; see the tests).
        .testTarget(name: "TarlanBuildTests"),
        // Runs the built `tarlan` and `tarlan-generator` executables.
        .testTarget(
            name: "TarlanCLITests",
            dependencies: ["tarlan", "tarlan-generator", "TarlanTestSupport", "TarlanTransportTesting"]
        ),
        // Fixture tests generated from the schema's examples and signature vectors.
        .testTarget(
            name: "TarlanFixtureTests",
            dependencies: ["TarlanPayments"],
            plugins: ["TarlanGeneratorPlugin"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
