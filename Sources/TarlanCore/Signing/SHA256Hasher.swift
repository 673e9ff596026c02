internal import CTarlanSHA256

/// The SHA-256 compression function a `SHA256Hasher` runs over whole 64-byte blocks.
enum SHA256Engine: Sendable, Equatable {
    /// Plain Swift (`PortableSHA256`): every platform.
    case portable
    /// The CPU's SHA instructions through `CTarlanSHA256` (x86_64 SHA extensions, AArch64 SHA2 on
    /// Linux). Only where `hardwareAvailable` is true.
    case hardware

    /// Whether this CPU has the instructions `.hardware` runs (detected once by the C target).
    static var hardwareAvailable: Bool { ctarlan_sha256_accelerated() != 0 }

    /// The fastest engine on this machine.
    static var fastest: SHA256Engine { select(hardwareAvailable: hardwareAvailable) }

    /// `.hardware` when the CPU has it, else `.portable`.
    static func select(hardwareAvailable: Bool) -> SHA256Engine {
        hardwareAvailable ? .hardware : .portable
    }

    /// How benchmarks and tests name the engine.
    var name: String {
        switch self {
        case .portable:
            "portable"
        case .hardware:
            #if arch(x86_64)
                "SHA-NI"
            #elseif arch(arm64)
                "ARMv8 SHA2"
            #else
                "hardware"
            #endif
        }
    }
}

/// SHA-256 (FIPS 180-4): message buffering and padding, over the block function of `engine`.
///
/// Streams: `update` any number of times, then `finalize` once. Whole blocks are compressed
/// straight from the caller's memory, as many as the input holds in one call; only a partial block
/// is copied, into a fixed 64-byte buffer.
struct SHA256Hasher {
    /// 64 bytes, kept in place (a tuple) rather than in an array, so hashing allocates nothing.
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    private static let zeroBlock: Block = (0, 0, 0, 0, 0, 0, 0, 0)

    let engine: SHA256Engine
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    /// Input not yet compressed: the first `pendingCount` (< 64 between calls) of these 64 bytes.
    private var pending: Block = zeroBlock
    private var pendingCount = 0
    private var messageLength: UInt64 = 0

    /// `engine` must be `.portable` or available on this CPU (`SHA256Engine.hardwareAvailable`).
    init(engine: SHA256Engine) {
        precondition(engine == .portable || SHA256Engine.hardwareAvailable, "SHA-256 instructions unavailable")
        self.engine = engine
    }

    static func hash(_ bytes: [UInt8], engine: SHA256Engine) -> [UInt8] {
        var hasher = SHA256Hasher(engine: engine)
        hasher.update(bytes)
        return hasher.finalize()
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, !bytes.isEmpty else { return }
        var remaining = bytes.count
        messageLength &+= UInt64(remaining)
        if pendingCount > 0 {
            let taken = min(64 - pendingCount, remaining)
            let offset = pendingCount
            withUnsafeMutableBytes(of: &pending) { buffer in
                (buffer.baseAddress! + offset).copyMemory(from: input, byteCount: taken)
            }
            pendingCount += taken
            input += taken
            remaining -= taken
            guard pendingCount == 64 else { return }
            let block = pending
            withUnsafeBytes(of: block) { compress($0.baseAddress!, blockCount: 1) }
            pendingCount = 0
        }
        let blockCount = remaining / 64
        if blockCount > 0 {
            compress(input, blockCount: blockCount)
            input += blockCount * 64
            remaining -= blockCount * 64
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.copyMemory(from: input, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    /// Pads the message (0x80, zeros, the 64-bit big-endian bit length) and returns the digest.
    consuming func finalize() -> [UInt8] {
        // The pending bytes and the padding fill one block, or two when fewer than 9 bytes are left.
        let blockCount = pendingCount < 56 ? 1 : 2
        var tail: (Block, Block) = (Self.zeroBlock, Self.zeroBlock)
        let pendingBytes = pending
        let count = pendingCount
        let bitLength = messageLength &* 8
        withUnsafeMutableBytes(of: &tail) { buffer in
            withUnsafeBytes(of: pendingBytes) { pendingBuffer in
                buffer.baseAddress!.copyMemory(from: pendingBuffer.baseAddress!, byteCount: count)
            }
            buffer[count] = 0x80
            buffer.storeBytes(of: bitLength.bigEndian, toByteOffset: blockCount * 64 - 8, as: UInt64.self)
        }
        withUnsafeBytes(of: &tail) { compress($0.baseAddress!, blockCount: blockCount) }
        let words = state
        return [UInt8](unsafeUninitializedCapacity: 32) { digest, initialized in
            let output = UnsafeMutableRawBufferPointer(digest)
            withUnsafeBytes(of: words) { raw in
                for offset in stride(from: 0, to: 32, by: 4) {
                    let word = raw.load(fromByteOffset: offset, as: UInt32.self)
                    output.storeBytes(of: word.bigEndian, toByteOffset: offset, as: UInt32.self)
                }
            }
            initialized = 32
        }
    }

    /// Runs the engine's compression function over `blockCount` whole blocks at `blocks`.
    private mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int) {
        let engine = engine
        withUnsafeMutablePointer(to: &state) { tuple in
            tuple.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                switch engine {
                case .portable:
                    PortableSHA256.compress(words, blocks, blockCount: blockCount)
                case .hardware:
                    ctarlan_sha256_compress(words, blocks, blockCount)
                }
            }
        }
    }
}
