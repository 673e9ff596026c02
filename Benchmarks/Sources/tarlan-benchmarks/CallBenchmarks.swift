import Foundation
import TarlanPayments

/// Per-call overhead: the generated client against the hand-written baseline, whole calls
/// (build + encode + sign + send to an in-memory transport + decode), then the two halves
/// separately (building the signed request; decoding the response).
enum CallBenchmarks {
    static func run(_ report: Report, quick: Bool, seeds: [Seed]) async throws {
        // Both sides must send the same request, or the comparison means nothing.
        for seed in seeds {
            let (generated, handWritten) = try await seed.capture()
            guard generated.url == handWritten.url, generated.headers == handWritten.headers, generated.body == handWritten.body
            else {
                throw BenchmarkError("\(seed.id): the generated and hand-written requests differ:\n\(generated)\n\(handWritten)")
            }
        }

        let plan = SamplePlan(samples: 21, iterations: 2_000, warmup: 1).scaled(quick)
        var ratios: [(String, Double)] = []
        for seed in seeds {
            let (generated, handWritten) = try await measurePairAsync(plan, seed.generatedCall, seed.handWrittenCall)
            let g = Row(group: "call", name: "\(seed.id), generated client", values: µs(generated), unit: "µs/call", iterations: plan.iterations)
            let h = Row(group: "call", name: "\(seed.id), hand-written", values: µs(handWritten), unit: "µs/call", iterations: plan.iterations)
            report.add(g)
            report.add(h)
            // Each generated sample was taken right next to a hand-written one, so their ratio is
            // the least disturbed by load from elsewhere: the median of those ratios is the result.
            let paired = Row(
                group: "call", name: "\(seed.id), ratio generated / hand-written (paired samples)",
                values: zip(generated, handWritten).map { $0 / $1 }, unit: "×", iterations: plan.iterations
            )
            report.add(paired)
            ratios.append((seed.id, paired.median))
            report.derive(
                "call ratio generated / hand-written, \(seed.id)",
                "\(Report.format(paired.median))× (paired samples p10–p90 \(Report.format(paired.p10))–\(Report.format(paired.p90))×; ratio of medians \(Report.format(g.median / h.median))×)"
            )
        }
        let worst = ratios.max { $0.1 < $1.1 }!
        let geometricMean = exp(ratios.map { log($0.1) }.reduce(0, +) / Double(ratios.count))
        report.derive("call ratio, geometric mean of the four", "\(Report.format(geometricMean))×")
        report.target(
            "per-call overhead ≤ 1.2× hand-written",
            met: worst.1 <= 1.2,
            measured: ratios.map { "\($0.0) \(Report.format($0.1))×" }.joined(separator: ", ")
        )

        let halfPlan = SamplePlan(samples: 15, iterations: 2_000, warmup: 1).scaled(quick)
        for seed in seeds {
            let (generated, handWritten) = try measurePair(halfPlan, seed.generatedBuild, seed.handWrittenBuild)
            report.add(Row(group: "build+sign", name: "\(seed.id), RequestBuilder.prepare", values: µs(generated), unit: "µs", iterations: halfPlan.iterations))
            report.add(Row(group: "build+sign", name: "\(seed.id), hand-written", values: µs(handWritten), unit: "µs", iterations: halfPlan.iterations))
        }
        for seed in seeds {
            let (generated, handWritten) = try measurePair(halfPlan, seed.generatedDecode, seed.handWrittenDecode)
            report.add(Row(group: "decode", name: "\(seed.id), ResponseInterpreter.decode", values: generated, unit: "ns/response", iterations: halfPlan.iterations))
            report.add(Row(group: "decode", name: "\(seed.id), hand-written JSONDecoder", values: handWritten, unit: "ns/response", iterations: halfPlan.iterations))
        }
    }

    private static func µs(_ nanoseconds: [Double]) -> [Double] {
        nanoseconds.map { $0 / 1_000 }
    }
}
