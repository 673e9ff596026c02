// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "TarlanKit",
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        .library(name: "TarlanPayments", targets: ["TarlanPayments"]),
        .executable(name: "tarlan", targets: ["tarlan"]),
        .executable(name: "tarlan-generator", targets: ["tarlan-generator"]),
        .plugin(name: "TarlanGeneratorPlugin", targets: ["TarlanGeneratorPlugin"]),
    ],
    dependencies: [],
    targets: [
        // Hand-written runtime: JSON, canonical JSON, signing, transports, errors.
        .target(name: "TarlanRuntime"),
        // Generated bindings (models, clients, catalog) over the runtime.
        .target(
            name: "TarlanPayments",
            dependencies: ["TarlanRuntime"],
            plugins: ["TarlanGeneratorPlugin"]
        ),
        .executableTarget(name: "tarlan", dependencies: ["TarlanPayments"]),

        // The generator: load → validate → lower → render.
        .target(
            name: "TarlanGeneratorKit",
            dependencies: ["TarlanRuntime"],
            path: "Generator/TarlanGeneratorKit"
        ),
        .executableTarget(
            name: "tarlan-generator",
            dependencies: ["TarlanGeneratorKit"],
            path: "Generator/tarlan-generator"
        ),
        .plugin(
            name: "TarlanGeneratorPlugin",
            capability: .buildTool(),
            dependencies: ["tarlan-generator"],
            path: "Plugins/TarlanGeneratorPlugin"
        ),

        .testTarget(name: "TarlanRuntimeTests", dependencies: ["TarlanRuntime"]),
        .testTarget(name: "TarlanGeneratorTests", dependencies: ["TarlanGeneratorKit"]),
        .testTarget(name: "TarlanPaymentsTests", dependencies: ["TarlanPayments"]),
        // Runs the built `tarlan` executable.
        .testTarget(name: "TarlanCLITests", dependencies: ["tarlan"]),
        // Fixture tests generated from the schema's examples and signature vectors.
        .testTarget(
            name: "TarlanFixtureTests",
            dependencies: ["TarlanPayments"],
            plugins: ["TarlanGeneratorPlugin"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
