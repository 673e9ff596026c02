// swift-tools-version: 6.0
import PackageDescription

// An `HTTPTransport` for TarlanKit on AsyncHTTPClient (SwiftNIO): for Linux servers and high concurrency.
// Its own package so that TarlanKit itself keeps no dependencies.
let package = Package(
    name: "TarlanAsyncHTTPClient",
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        .library(name: "TarlanAsyncHTTPClient", targets: ["TarlanAsyncHTTPClient"]),
        .executable(name: "tarlan-load", targets: ["tarlan-load"]),
    ],
    dependencies: [
        .package(name: "TarlanKit", path: "../.."),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.1.0"),
    ],
    targets: [
        .target(
            name: "TarlanAsyncHTTPClient",
            dependencies: [
                .product(name: "TarlanPayments", package: "TarlanKit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // `swift run -c release tarlan-load`: calls/s, latency and memory of both transports (Benchmarks/README.md).
        .executableTarget(
            name: "tarlan-load",
            dependencies: [
                "TarlanAsyncHTTPClient",
                .product(name: "TarlanPayments", package: "TarlanKit"),
            ]
        ),
        .testTarget(
            name: "TarlanAsyncHTTPClientTests",
            dependencies: [
                "TarlanAsyncHTTPClient",
                .product(name: "TarlanTransportTesting", package: "TarlanKit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
