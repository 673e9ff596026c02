import Foundation
import TarlanGeneratorKit

/// The generator's own work (load → validate → lower → render, `GeneratorPipeline.run`), in
/// process: no process start, no file reading or writing. Those are in the build-cost script.
enum GenerationBenchmarks {
    static let group = "generation"

    static func run(_ report: Report, quick: Bool, schemaDirectory: URL) throws {
        let files = try realSchema(in: schemaDirectory)
        let plan = SamplePlan(samples: 21, iterations: 1, warmup: 2).scaled(quick)
        let totalBytes = files.reduce(0) { $0 + $1.contents.count }

        // Fail loudly (rather than time an error path) if the schema does not generate.
        for mode in GenerationMode.allCases { _ = try GeneratorPipeline.run(files, mode: mode) }

        var bothModes: [Double] = Array(repeating: 0, count: plan.samples)
        for mode in GenerationMode.allCases {
            let values = try measure(plan) { blackHole(try GeneratorPipeline.run(files, mode: mode)) }
            for (index, value) in values.enumerated() { bothModes[index] += value }
            report.add(Row(group: group, name: "real schema (\(files.count) files), \(mode.rawValue)", values: ms(values), unit: "ms", iterations: 1))
        }
        report.add(Row(group: group, name: "real schema, library + tests", values: ms(bothModes), unit: "ms", iterations: 1))

        // Where the time goes: the loader alone, and loader + validator (public stages).
        let load = try measure(plan) { blackHole(try SchemaLoader.load(files)) }
        report.add(Row(group: group, name: "real schema, stage: load (\(totalBytes / 1024) KiB)", values: ms(load), unit: "ms", iterations: 1))
        let validate = try measure(plan) { blackHole(try SchemaValidator.validate(try SchemaLoader.load(files))) }
        report.add(Row(group: group, name: "real schema, stage: load + validate", values: ms(validate), unit: "ms", iterations: 1))

        let full = report.row(group, "real schema, library + tests")!.median
        let library = report.row(group, "real schema (\(files.count) files), library")!.median
        report.target(
            "full-schema generation < 50 ms (in the generator)",
            met: full < 50,
            measured: "library \(Report.format(library)) ms, library + tests \(Report.format(full)) ms (median)"
        )

        // Synthetic schemas: the cost per operation, to show how it grows with the schema.
        var perOperation: [GenerationMode: [Int: Double]] = [:]
        for count in [10, 100, 1_000, 10_000] {
            let file = SyntheticSchema.file(operations: count)
            let result = try GeneratorPipeline.run([file], mode: .library)
            if !result.warnings.isEmpty {
                throw BenchmarkError("synthetic schema of \(count) operations has warnings: \(result.warnings.first!)")
            }
            let plan: SamplePlan = switch count {
            case ...10: SamplePlan(samples: 21, iterations: 20, warmup: 2)
            case ...100: SamplePlan(samples: 21, iterations: 2, warmup: 2)
            case ...1_000: SamplePlan(samples: 11, iterations: 1, warmup: 1)
            default: SamplePlan(samples: 5, iterations: 1, warmup: 1)
            }
            let megabytes = Double(file.contents.count) / 1_048_576
            report.derive("synthetic \(count) ops: schema size", "\(Report.format(megabytes)) MiB of JSON")
            for mode in GenerationMode.allCases {
                let values = try measure(plan.scaled(quick)) { blackHole(try GeneratorPipeline.run([file], mode: mode)) }
                let label = "synthetic \(count) ops, \(mode.rawValue)"
                report.add(Row(group: group, name: label, values: ms(values), unit: "ms", iterations: plan.scaled(quick).iterations))
                let perOp = Row(group: group, name: label + ", per op", values: values.map { $0 / 1_000 / Double(count) }, unit: "µs/op", iterations: plan.scaled(quick).iterations)
                report.add(perOp)
                perOperation[mode, default: [:]][count] = perOp.median
            }
        }
        for mode in GenerationMode.allCases {
            let perOp = perOperation[mode]!
            let growth = perOp[10_000]! / perOp[1_000]!
            report.derive(
                "generation growth 10 000 / 1 000 ops, \(mode.rawValue)",
                "\(Report.format(growth * 10))× the time for 10× the operations (per op: \(Report.format(growth))×; 1.00 = linear); "
                    + "per op at 10 000 / at 10 ops: \(Report.format(perOp[10_000]! / perOp[10]!))×"
            )
        }
        let library10k = report.row(group, "synthetic 10000 ops, library")!.median
        let tests10k = report.row(group, "synthetic 10000 ops, tests")!.median
        report.target(
            "10 000 synthetic operations < 2 s",
            met: library10k < 2_000 && tests10k < 2_000,
            measured: "library \(Report.format(library10k)) ms, tests \(Report.format(tests10k)) ms (median)"
        )
    }

    /// `Schema/*.json` except the format's own JSON Schema, as the build plugin passes them.
    static func realSchema(in directory: URL) throws -> [SchemaLoader.File] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
            .sorted()
        guard !names.isEmpty else { throw BenchmarkError("no schema files in \(directory.path)") }
        return try names.map { name in
            let url = directory.appendingPathComponent(name)
            return SchemaLoader.File(path: "Schema/" + name, contents: [UInt8](try Data(contentsOf: url)))
        }
    }

    private static func ms(_ nanoseconds: [Double]) -> [Double] {
        nanoseconds.map { $0 / 1_000_000 }
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
