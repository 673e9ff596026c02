import Foundation
import NIOCore
import NIOPosix

/// A deadline for a whole piece of work, however its bytes trickle in.
///
/// The timer is a SwiftNIO scheduled task, which cancelling removes at once. (A cancelled
/// `Task.sleep` leaves its timer queued until the sleep would have ended: with a 30 s timeout and
/// thousands of calls a second, that is tens of megabytes held for nothing.)
enum Deadline {
    struct Expired: Error {}

    /// `work`'s value, or ``Expired`` once `seconds` have passed (`work` is then cancelled).
    static func run<Value: Sendable>(
        after seconds: Double, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let task = Task { try await work() }
        let expired = Flag()
        let timer = MultiThreadedEventLoopGroup.singleton.next().scheduleTask(
            in: .nanoseconds(Int64(min(seconds, 86_400) * 1_000_000_000))
        ) {
            expired.set()
            task.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
        } catch {
            if expired.isSet { throw Expired() }
            throw error
        }
    }
}

/// Set once, read from any thread.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
