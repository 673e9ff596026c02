import Foundation

/// N calls, C at a time: each worker takes the next call number until all are taken.
struct LoadRun: Sendable {
    let calls: Int
    let concurrency: Int
    let call: @Sendable () async throws -> Void

    struct Report {
        var seconds: Double
        var latencies: [Double]
        var errors: Int
        var firstError: String?
        /// Resident memory after a tenth of the calls, and at the end (MB).
        var rssAtTenth: Double
        var rssAtEnd: Double
        /// The process's resident high-water mark (MB).
        var peakRSS: Double

        func percentile(_ fraction: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))]
        }

        func line(transport: String, calls: Int, concurrency: Int) -> String {
            let rate = Double(calls) / seconds
            var text = String(
                format: "%@ calls=%d concurrency=%d calls/s=%.0f p50=%.2fms p99=%.2fms errors=%d rss@10%%=%.0fMB rss@end=%.0fMB peakRSS=%.0fMB",
                transport, calls, concurrency, rate, percentile(0.5) * 1000, percentile(0.99) * 1000, errors,
                rssAtTenth, rssAtEnd, peakRSS)
            if let firstError { text += " firstError=\(firstError)" }
            return text
        }
    }

    func run() async -> Report {
        let next = Counter()
        let tenth = max(1, calls / 10)
        let rssAtTenth = Counter()
        let clock = ContinuousClock()
        let started = clock.now
        let results = await withTaskGroup(of: WorkerResult.self) { group in
            for _ in 0..<min(concurrency, calls) {
                group.addTask {
                    var result = WorkerResult()
                    while true {
                        let number = next.increment()
                        guard number <= calls else { break }
                        let begin = clock.now
                        do {
                            try await call()
                        } catch {
                            result.errors += 1
                            if result.firstError == nil { result.firstError = "\(error)" }
                        }
                        result.latencies.append((clock.now - begin).seconds)
                        if number == tenth { rssAtTenth.set(Int(Memory.residentMB())) }
                    }
                    return result
                }
            }
            return await group.reduce(into: [WorkerResult]()) { $0.append($1) }
        }
        let seconds = (clock.now - started).seconds
        return Report(
            seconds: seconds, latencies: results.flatMap(\.latencies).sorted(), errors: results.map(\.errors).reduce(0, +),
            firstError: results.compactMap(\.firstError).first, rssAtTenth: Double(rssAtTenth.value),
            rssAtEnd: Memory.residentMB(), peakRSS: Memory.peakResidentMB())
    }

    private struct WorkerResult: Sendable {
        var latencies: [Double] = []
        var errors = 0
        var firstError: String?
    }
}

/// A number shared by the workers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    func set(_ value: Int) {
        lock.lock()
        count = value
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

/// Resident memory from /proc/self/status (Linux); 0 elsewhere.
enum Memory {
    static func residentMB() -> Double { field("VmRSS:") }
    static func peakResidentMB() -> Double { field("VmHWM:") }

    private static func field(_ name: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) })
        else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
}
