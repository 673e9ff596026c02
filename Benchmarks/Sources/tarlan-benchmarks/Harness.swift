#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A small measuring harness: no package dependencies are allowed, so no ordo-one/benchmark.
//
// A *sample* times `iterations` back-to-back executions of a body and divides: one number per
// sample. A *row* is `samples` such numbers (after `warmup` untimed samples), reported as median,
// p10/p90, min and max. Medians and the p10–p90 spread are what to read on a shared machine.

/// Monotonic nanoseconds.
@inline(__always)
func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Keeps a value alive and opaque to the optimizer, so measured work cannot be removed.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {}

/// How many samples, iterations and warm-up samples a row takes.
struct SamplePlan {
    var samples: Int
    var iterations: Int
    var warmup: Int = 1

    func scaled(_ quick: Bool) -> SamplePlan {
        guard quick else { return self }
        return SamplePlan(samples: max(3, samples / 3), iterations: max(1, iterations / 4), warmup: 1)
    }
}

/// One line of the results table.
struct Row {
    var group: String
    var name: String
    /// One value per sample, already in `unit`.
    var values: [Double]
    var unit: String
    /// Executions per sample.
    var iterations: Int

    var sorted: [Double] { values.sorted() }
    var median: Double { Self.percentile(sorted, 0.5) }
    var p10: Double { Self.percentile(sorted, 0.1) }
    var p90: Double { Self.percentile(sorted, 0.9) }
    var min: Double { sorted.first ?? .nan }
    var max: Double { sorted.last ?? .nan }
    var runs: String { iterations == 1 ? "\(values.count)" : "\(values.count)×\(iterations)" }

    /// Linear interpolation between closest ranks.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }
}

/// Times a synchronous body; returns nanoseconds per iteration, one value per sample.
func measure(_ plan: SamplePlan, _ body: () throws -> Void) rethrows -> [Double] {
    for _ in 0..<plan.warmup {
        for _ in 0..<plan.iterations { try body() }
    }
    var values: [Double] = []
    values.reserveCapacity(plan.samples)
    for _ in 0..<plan.samples {
        let start = nanoseconds()
        for _ in 0..<plan.iterations { try body() }
        values.append(Double(nanoseconds() - start) / Double(plan.iterations))
    }
    return values
}

/// Times an async body; returns nanoseconds per iteration, one value per sample.
func measureAsync(_ plan: SamplePlan, _ body: () async throws -> Void) async rethrows -> [Double] {
    for _ in 0..<plan.warmup {
        for _ in 0..<plan.iterations { try await body() }
    }
    var values: [Double] = []
    values.reserveCapacity(plan.samples)
    for _ in 0..<plan.samples {
        let start = nanoseconds()
        for _ in 0..<plan.iterations { try await body() }
        values.append(Double(nanoseconds() - start) / Double(plan.iterations))
    }
    return values
}

/// Two async bodies measured in alternating samples (A, B, A, B, …), so a burst of load from
/// other processes on the machine hits both sides alike. Returns nanoseconds per iteration.
func measurePairAsync(
    _ plan: SamplePlan, _ first: () async throws -> Void, _ second: () async throws -> Void
) async rethrows -> (first: [Double], second: [Double]) {
    for _ in 0..<plan.warmup {
        for _ in 0..<plan.iterations { try await first() }
        for _ in 0..<plan.iterations { try await second() }
    }
    var a: [Double] = []
    var b: [Double] = []
    for sample in 0..<plan.samples {
        // Alternate which side goes first too.
        for side in sample.isMultiple(of: 2) ? [0, 1] : [1, 0] {
            let start = nanoseconds()
            if side == 0 {
                for _ in 0..<plan.iterations { try await first() }
                a.append(Double(nanoseconds() - start) / Double(plan.iterations))
            } else {
                for _ in 0..<plan.iterations { try await second() }
                b.append(Double(nanoseconds() - start) / Double(plan.iterations))
            }
        }
    }
    return (a, b)
}

/// The synchronous form of ``measurePairAsync``.
func measurePair(_ plan: SamplePlan, _ first: () throws -> Void, _ second: () throws -> Void) rethrows -> (first: [Double], second: [Double]) {
    for _ in 0..<plan.warmup {
        for _ in 0..<plan.iterations { try first() }
        for _ in 0..<plan.iterations { try second() }
    }
    var a: [Double] = []
    var b: [Double] = []
    for sample in 0..<plan.samples {
        for side in sample.isMultiple(of: 2) ? [0, 1] : [1, 0] {
            let start = nanoseconds()
            if side == 0 {
                for _ in 0..<plan.iterations { try first() }
                a.append(Double(nanoseconds() - start) / Double(plan.iterations))
            } else {
                for _ in 0..<plan.iterations { try second() }
                b.append(Double(nanoseconds() - start) / Double(plan.iterations))
            }
        }
    }
    return (a, b)
}
