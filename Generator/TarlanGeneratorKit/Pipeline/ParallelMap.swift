import Dispatch

/// Independent, pure work spread over the machine's cores. Results come back in input order, so the
/// output is the same byte for byte however the work was scheduled.
enum ParallelMap {
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        guard inputs.count > 1 else { return inputs.map(transform) }
        return [Output](unsafeUninitializedCapacity: inputs.count) { buffer, initializedCount in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                (slots.base + index).initialize(to: transform(inputs[index]))
            }
            initializedCount = inputs.count
        }
    }

    /// `items` cut into about `pieces` runs of consecutive elements, in order.
    static func chunks<Element>(_ items: [Element], pieces: Int) -> [ArraySlice<Element>] {
        let size = max(1, (items.count + pieces - 1) / max(1, pieces))
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}

/// The result buffer, shared by the iterations: each initializes its own slot and no other.
private struct Slots<Value>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Value>
}
