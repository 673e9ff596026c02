#if canImport(CryptoKit)
    import CryptoKit
    import Foundation
#endif

/// SHA-256 of a byte array: CryptoKit where the OS has it; elsewhere (Linux) the CPU's SHA
/// instructions when it has them (`CTarlanSHA256`, detected at run time), else plain Swift.
package enum TarlanSHA256 {
    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        #if canImport(CryptoKit)
            Array(CryptoKit.SHA256.hash(data: bytes))
        #else
            SHA256Hasher.hash(bytes, engine: .fastest)
        #endif
    }

    /// Always the portable implementation, whatever the platform (benchmarks compare the two).
    package static func portableHash(_ bytes: [UInt8]) -> [UInt8] {
        SHA256Hasher.hash(bytes, engine: .portable)
    }

    /// What `hash` runs on this machine: "CryptoKit", "SHA-NI", "ARMv8 SHA2" or "portable".
    package static var implementation: String {
        #if canImport(CryptoKit)
            "CryptoKit"
        #else
            SHA256Engine.fastest.name
        #endif
    }

    /// Lowercase hexadecimal, the form Tarlan signatures travel in.
    package static func hex(_ bytes: [UInt8]) -> String {
        Hex.lowercase(bytes)
    }
}
