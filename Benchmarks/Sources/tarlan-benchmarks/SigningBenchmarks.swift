import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TarlanPayments

/// Signing: canonical JSON and the full signature per request, and SHA-256 throughput next to
/// `openssl speed -evp sha256` on the same machine.
enum SigningBenchmarks {
    /// What `TarlanSHA256.hash` runs here: "CryptoKit", "SHA-NI", "ARMv8 SHA2" or "portable".
    static let implementation = TarlanSHA256.implementation

    static func run(_ report: Report, quick: Bool, seeds: [Seed]) throws {
        let plan = SamplePlan(samples: 15, iterations: 5_000, warmup: 1).scaled(quick)
        let secret = TarlanSecret(Seeds.secret)
        for seed in seeds {
            let rules = seed.operation.section.signing
            let json = seed.requestJSON
            let canonical = measure(plan) { blackHole(Signer.signingBytes(json, rules: rules)) }
            report.add(Row(group: "signing", name: "\(seed.id), canonical JSON", values: canonical.map { $0 / 1_000 }, unit: "µs", iterations: plan.iterations))
            let signature = measure(plan) { blackHole(Signer.signature(for: json, secret: secret, rules: rules)) }
            report.add(Row(group: "signing", name: "\(seed.id), canonical JSON + SHA-256 (Signer.signature)", values: signature.map { $0 / 1_000 }, unit: "µs", iterations: plan.iterations))
        }

        // Throughput. MB = 10^6 bytes, as openssl counts.
        let sizes: [(label: String, bytes: Int, iterations: Int)] = [
            ("1 KiB", 1_024, 4_000), ("8 KiB", 8_192, 500), ("1 MiB", 1_048_576, 4),
        ]
        var ours: [String: Double] = [:]
        for size in sizes {
            let input = (0..<size.bytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let sizePlan = SamplePlan(samples: 15, iterations: size.iterations, warmup: 1).scaled(quick)
            let (portable, platform) = measurePair(
                sizePlan,
                { blackHole(TarlanSHA256.portableHash(input)) },
                { blackHole(TarlanSHA256.hash(input)) }
            )
            let megabytesPerSecond = { (ns: [Double]) in ns.map { Double(size.bytes) / $0 * 1_000 } }
            let portableRow = Row(group: "sha256", name: "portable, \(size.label) input", values: megabytesPerSecond(portable), unit: "MB/s", iterations: sizePlan.iterations)
            report.add(portableRow)
            let name = "TarlanSHA256.hash (\(implementation)), \(size.label) input"
            report.add(Row(group: "sha256", name: name, values: megabytesPerSecond(platform), unit: "MB/s", iterations: sizePlan.iterations))
            ours[size.label] = report.row("sha256", name)!.median
        }

        guard let openssl = OpenSSLSpeed.locate() else {
            report.derive("openssl speed -evp sha256", "openssl not found: not compared")
            return
        }
        let runs = quick ? 1 : 3
        var reference: [String: Double] = [:]
        for (label, bytes) in [("1 KiB", 1_024), ("8 KiB", 8_192)] {
            let values = try (0..<runs).map { _ in try OpenSSLSpeed.run(openssl, blockSize: bytes) }
            let row = Row(group: "sha256", name: "openssl speed -evp sha256, \(label) blocks", values: values, unit: "MB/s", iterations: 1)
            report.add(row)
            reference[label] = row.median
        }
        var percent: [String: Double] = [:]
        for label in ["1 KiB", "8 KiB"] {
            percent[label] = ours[label]! / reference[label]! * 100
            report.derive(
                "SHA-256 (\(implementation)) / openssl, \(label)",
                "\(Report.format(percent[label]!)) % (\(Report.format(ours[label]!)) vs \(Report.format(reference[label]!)) MB/s)")
        }
        report.target(
            "SHA-256 ≥ 50 % of openssl speed -evp sha256 at 8 KiB", met: percent["8 KiB"]! >= 50,
            measured: "\(implementation): \(Report.format(ours["8 KiB"]!)) vs \(Report.format(reference["8 KiB"]!)) MB/s = \(Report.format(percent["8 KiB"]!)) %")
    }
}

/// `openssl speed -evp sha256` for one block size, parsed.
enum OpenSSLSpeed {
    static func locate() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/openssl"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func version(_ openssl: String) -> String {
        (try? output(openssl, ["version"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    }

    /// MB/s (10^6 bytes per second) for `blockSize`-byte blocks, one second of hashing.
    static func run(_ openssl: String, blockSize: Int) throws -> Double {
        let text = try output(openssl, ["speed", "-seconds", "1", "-bytes", String(blockSize), "-evp", "sha256"])
        // "sha256         1300048.68k": thousands of bytes per second.
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("sha256") }),
            let field = line.split(separator: " ").last, field.hasSuffix("k"),
            let kilobytes = Double(field.dropLast())
        else { throw BenchmarkError("cannot read openssl speed output:\n\(text)") }
        return kilobytes / 1_000
    }

    /// Runs a program and returns its standard output. `posix_spawn` with an empty signal mask
    /// and default handlers: `Process` would hand the child the blocked signals of the thread it
    /// starts from, and `openssl speed` stops each measurement with SIGALRM (blocked, it never ends).
    private static func output(_ executable: String, _ arguments: [String]) throws -> String {
        #if os(Linux)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw BenchmarkError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        close(pipeEnds[1])
        guard status == 0 else {
            close(pipeEnds[0])
            throw BenchmarkError("cannot run \(executable): error \(status)")
        }
        let data = FileHandle(fileDescriptor: pipeEnds[0], closeOnDealloc: true).readDataToEndOfFile()
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        return String(decoding: data, as: UTF8.self)
        #else
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
        #endif
    }
}
