// swift-tools-version: 6.0
import PackageDescription

// A merchant's server receiving Tarlan's three callbacks on Hummingbird 2: verify, answer, process once.
// Its own package so that TarlanKit itself keeps no dependencies.
let package = Package(
    name: "WebhookReceiver",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "webhook-receiver", targets: ["webhook-receiver"]),
    ],
    dependencies: [
        .package(name: "TarlanKit", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        // The routes, the idempotency store and the merchant's processing, as a library the tests start.
        .target(
            name: "WebhookReceiver",
            dependencies: [
                .product(name: "TarlanPayments", package: "TarlanKit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // `TARLAN_SECRET=… swift run webhook-receiver [port]`
        .executableTarget(name: "webhook-receiver", dependencies: ["WebhookReceiver"]),
        .testTarget(
            name: "WebhookReceiverTests",
            dependencies: ["WebhookReceiver", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
