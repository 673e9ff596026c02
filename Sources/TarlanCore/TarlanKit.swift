/// The SDK itself.
public enum TarlanKit {
    /// This build's version (semantic versioning; `-dev` until released), sent in every `User-Agent`.
    public static let version = "0.2.0-dev"

    /// `TarlanKit/0.2.0 (Swift 6.3; Linux)`: what every request says it is, unless configured otherwise.
    package static let userAgent = "TarlanKit/\(version) (Swift \(swiftVersion); \(operatingSystem))"

    /// The compiler's language version this build was made with, e.g. `6.3`.
    package static var swiftVersion: String {
        #if compiler(>=6.4)
            "6.4+"
        #elseif compiler(>=6.3)
            "6.3"
        #elseif compiler(>=6.2)
            "6.2"
        #elseif compiler(>=6.1)
            "6.1"
        #else
            "6.0"
        #endif
    }

    private static var operatingSystem: String {
        #if os(Linux)
            "Linux"
        #elseif os(macOS)
            "macOS"
        #elseif os(iOS)
            "iOS"
        #elseif os(tvOS)
            "tvOS"
        #elseif os(watchOS)
            "watchOS"
        #elseif os(visionOS)
            "visionOS"
        #elseif os(Windows)
            "Windows"
        #else
            "unknown"
        #endif
    }
}
