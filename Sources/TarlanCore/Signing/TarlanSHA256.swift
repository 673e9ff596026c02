#if canImport(CryptoKit)
import CryptoKit
import Foundation
#endif

/// SHA-256 of a byte array: CryptoKit where the OS has it, `PortableSHA256` elsewhere (Linux).
package enum TarlanSHA256 {
    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        #if canImport(CryptoKit)
        Array(CryptoKit.SHA256.hash(data: bytes))
        #else
        PortableSHA256.hash(bytes)
        #endif
    }

    /// Always the portable implementation, whatever the platform (benchmarks compare the two).
    package static func portableHash(_ bytes: [UInt8]) -> [UInt8] {
        PortableSHA256.hash(bytes)
    }

    /// Lowercase hexadecimal, the form Tarlan signatures travel in.
    package static func hex(_ bytes: [UInt8]) -> String {
        Hex.lowercase(bytes)
    }
}
