import Foundation
import TarlanCore
import TarlanGeneratorKit
import TarlanPayments

/// `swift run -c release tarlan-benchmarks [--quick] [--only generation,call,signing] [--schema DIR]`
///
/// Prints one Markdown table (median, p10, p90, min, max per row), the derived ratios, and each
/// target of issue 6 as met or missed. Progress goes to standard error. See Benchmarks/README.md.
@main
struct TarlanBenchmarks {
    static let usage = "usage: tarlan-benchmarks [--quick] [--only generation,call,signing] [--schema DIR] [--profile-generation N library|tests] [--profile-call OPERATION N generated|hand-written]"

    nonisolated static func main() async {
        do {
            try await run(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("tarlan-benchmarks: \(error)\n".utf8))
            exit(1)
        }
    }

    nonisolated static func run(_ arguments: [String]) async throws {
        var quick = false
        var groups: Set<String> = ["generation", "call", "signing"]
        var schemaDirectory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Schema")
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--quick":
                quick = true
            case "--only" where index + 1 < arguments.count:
                index += 1
                groups = Set(arguments[index].split(separator: ",").map(String.init))
            case "--schema" where index + 1 < arguments.count:
                index += 1
                schemaDirectory = URL(fileURLWithPath: arguments[index])
            case "--profile-generation" where index + 2 < arguments.count:
                // For a profiler (valgrind --tool=callgrind, perf): one run of the pipeline, nothing timed.
                guard let count = Int(arguments[index + 1]), let mode = GenerationMode(rawValue: arguments[index + 2]) else {
                    throw BenchmarkError("usage: tarlan-benchmarks --profile-generation N|0 library|tests (0: the real schema)")
                }
                let files = count == 0
                    ? try GenerationBenchmarks.realSchema(in: schemaDirectory) : [SyntheticSchema.file(operations: count)]
                let clock = ContinuousClock()
                let parseStart = clock.now
                for file in files { _ = try JSONParser.parse(file.contents) }
                let parsed = clock.now
                for file in files { _ = try JSONParser.parseWithLocations(file.contents) }
                print("parse \(parsed - parseStart), with locations \(clock.now - parsed)")
                let started = clock.now
                _ = try SchemaLoader.load(files)
                let loaded = clock.now
                _ = try SchemaValidator.validate(try SchemaLoader.load(files))
                let validated = clock.now
                let output = try GeneratorPipeline.run(files, mode: mode)
                let generated = clock.now
                let load = loaded - started, loadAndValidate = validated - loaded, all = generated - validated
                print("generated \(output.files.values.reduce(0) { $0 + $1.utf8.count }) bytes")
                print("load \(load), validate \(loadAndValidate - load), lower + render \(all - loadAndValidate)")
                return
            case "--profile-call" where index + 3 < arguments.count:
                // For a profiler: N calls of one seed operation, generated or hand-written, nothing timed.
                guard let seed = try Seeds.all().first(where: { $0.id == arguments[index + 1] }),
                    let count = Int(arguments[index + 2]), ["generated", "hand-written"].contains(arguments[index + 3])
                else {
                    throw BenchmarkError("usage: tarlan-benchmarks --profile-call OPERATION N generated|hand-written")
                }
                let call = arguments[index + 3] == "generated" ? seed.generatedCall : seed.handWrittenCall
                for _ in 0..<count { try await call() }
                return
            case "-h", "--help":
                print(usage)
                return
            default:
                throw BenchmarkError("unknown argument \(arguments[index])\n\(usage)")
            }
            index += 1
        }

        #if DEBUG
        FileHandle.standardError.write(Data("warning: a debug build; run `swift run -c release tarlan-benchmarks`\n".utf8))
        #endif
        let report = Report()
        let loadBefore = Machine.loadAverage()
        let started = nanoseconds()
        // Generation last: the 10 000-operation schema leaves a large, fragmented heap behind,
        // which would slow every allocation of the per-call measurements after it.
        let seeds = try Seeds.all()
        if groups.contains("call") {
            try await CallBenchmarks.run(report, quick: quick, seeds: seeds)
        }
        if groups.contains("signing") {
            try SigningBenchmarks.run(report, quick: quick, seeds: seeds)
        }
        if groups.contains("generation") {
            try GenerationBenchmarks.run(report, quick: quick, schemaDirectory: schemaDirectory)
        }
        let seconds = Double(nanoseconds() - started) / 1e9
        report.print(header: Machine.summary(loadBefore: loadBefore, loadAfter: Machine.loadAverage(), seconds: seconds, quick: quick))
    }
}

/// What the numbers were measured on.
enum Machine {
    static func summary(loadBefore: String, loadAfter: String, seconds: Double, quick: Bool) -> String {
        var lines = [
            "tarlan-benchmarks — \(buildConfiguration), Swift \(swiftVersion)\(quick ? ", --quick" : "")",
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpuModel()), "
                + "\(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB memory",
            "load average before/after: \(loadBefore) / \(loadAfter); \(Report.format(seconds)) s in all",
        ]
        if let openssl = OpenSSLSpeed.locate() { lines.append("openssl: \(OpenSSLSpeed.version(openssl))") }
        return lines.joined(separator: "\n")
    }

    static var buildConfiguration: String {
        #if DEBUG
        "DEBUG build (numbers meaningless)"
        #else
        "release build"
        #endif
    }

    static var swiftVersion: String { TarlanKit.swiftVersion }

    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        else { return "unknown CPU" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
