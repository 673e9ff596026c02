/// A deadline for a whole piece of work, however its bytes trickle in.
enum Deadline {
    struct Expired: Error {}

    /// `work`'s value, or ``Expired`` once `seconds` have passed (`work` is then cancelled).
    static func run<Value: Sendable>(
        after seconds: Double, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(min(seconds, 86_400) * 1_000_000_000))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw Expired() }
            return value
        }
    }
}
