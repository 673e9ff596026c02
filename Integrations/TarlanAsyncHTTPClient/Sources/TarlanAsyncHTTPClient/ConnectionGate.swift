import Foundation
import NIOCore
import NIOPosix

/// Lets as many calls to one host through as the pool has connections for it; the rest wait here.
///
/// Why: every call waiting inside AsyncHTTPClient's pool holds two SwiftNIO timers (its deadline and
/// the pool's wait timeout), and cancelling a timer searches the event loop's timer heap. With 1 000
/// calls waiting for 64 connections that search costs more than the calls themselves. A call waiting
/// here costs a continuation; one sweep every ``sweepInterval`` ends the waits whose deadline passed.
final class ConnectionGate: @unchecked Sendable {
    enum Refusal: Error {
        case deadlineExceeded
    }

    static let sweepInterval = TimeAmount.milliseconds(20)

    private struct Waiter {
        let deadline: NIODeadline
        let continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private var free: Int
    /// Waiting calls by ticket; tickets are handed out in order, so the smallest waited longest.
    private var waiters: [UInt64: Waiter] = [:]
    private var queue: [UInt64] = []
    private var queueStart = 0
    private var nextTicket: UInt64 = 0
    /// Tickets handed out whose calls have not started waiting yet, and those of them already cancelled.
    private var arriving: Set<UInt64> = []
    private var cancelledEarly: Set<UInt64> = []
    private var sweeping = false

    init(width: Int) {
        free = width
    }

    /// Returns once a place is free (the caller must ``leave()`` afterwards); throws
    /// ``Refusal/deadlineExceeded`` or `CancellationError` without taking a place.
    func enter(deadline: NIODeadline) async throws {
        guard deadline > .now() else { throw Refusal.deadlineExceeded }
        let ticket: UInt64? = lock.withLock {
            if free > 0 {
                free -= 1
                return nil
            }
            nextTicket += 1
            arriving.insert(nextTicket)
            return nextTicket
        }
        guard let ticket else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                wait(ticket, Waiter(deadline: deadline, continuation: continuation))
            }
        } onCancel: {
            cancel(ticket)
        }
    }

    func leave() {
        let now = NIODeadline.now()
        let (next, late): (Waiter?, [Waiter]) = lock.withLock {
            // The place passes straight to the longest waiter whose deadline has not passed: one past
            // it must not start sending now (it ends as not sent, as the sweep would have ended it).
            var late: [Waiter] = []
            defer { compactQueue() }
            while queueStart < queue.count {
                let ticket = queue[queueStart]
                queueStart += 1
                guard let waiter = waiters.removeValue(forKey: ticket) else { continue }
                if waiter.deadline <= now {
                    late.append(waiter)
                } else {
                    return (waiter, late)
                }
            }
            free += 1
            return (nil, late)
        }
        for waiter in late { waiter.continuation.resume(throwing: Refusal.deadlineExceeded) }
        next?.continuation.resume()
    }

    private enum Arrival {
        case cancelled
        case enter
        case wait(startSweep: Bool)
    }

    private func wait(_ ticket: UInt64, _ waiter: Waiter) {
        let arrival: Arrival = lock.withLock {
            arriving.remove(ticket)
            if cancelledEarly.remove(ticket) != nil { return .cancelled }
            // A place may have been freed between taking the ticket and getting here.
            if free > 0 && waiters.isEmpty {
                free -= 1
                return .enter
            }
            waiters[ticket] = waiter
            queue.append(ticket)
            defer { sweeping = true }
            return .wait(startSweep: !sweeping)
        }
        switch arrival {
        case .cancelled: waiter.continuation.resume(throwing: CancellationError())
        case .enter: waiter.continuation.resume()
        case .wait(let startSweep): if startSweep { scheduleSweep() }
        }
    }

    private func cancel(_ ticket: UInt64) {
        let waiter: Waiter? = lock.withLock {
            if let waiter = waiters.removeValue(forKey: ticket) { return waiter }
            // Not waiting yet: it will see this on arrival. (Already let through: nothing to do.)
            if arriving.contains(ticket) { cancelledEarly.insert(ticket) }
            return nil
        }
        waiter?.continuation.resume(throwing: CancellationError())
    }

    private func scheduleSweep() {
        MultiThreadedEventLoopGroup.singleton.next().scheduleTask(in: Self.sweepInterval) { [self] in
            sweep()
        }
    }

    /// Ends the waits past their deadline; stops sweeping once nobody waits.
    private func sweep() {
        let now = NIODeadline.now()
        let (expired, again): ([Waiter], Bool) = lock.withLock {
            var late: [Waiter] = []
            for (ticket, waiter) in waiters where waiter.deadline <= now {
                late.append(waiter)
                waiters.removeValue(forKey: ticket)
            }
            sweeping = !waiters.isEmpty
            return (late, sweeping)
        }
        for waiter in expired { waiter.continuation.resume(throwing: Refusal.deadlineExceeded) }
        if again { scheduleSweep() }
    }

    /// Drops the consumed front of the queue once it is most of the array.
    private func compactQueue() {
        if queueStart > 64 && queueStart * 2 > queue.count {
            queue.removeFirst(queueStart)
            queueStart = 0
        }
    }
}
