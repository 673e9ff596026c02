import Foundation

/// What processing a callback answered, kept so that a repeated delivery gets the same answer.
public struct StoredReply: Sendable, Hashable {
    public var status: Int
    public var contentType: String?
    public var body: Data

    public init(status: Int, contentType: String? = nil, body: Data = Data()) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// HTTP 200 with no body: what the AGWS callback and the Payment Status webhook must answer.
    public static let ok = StoredReply(status: 200)
}

/// Where a delivery stands in an ``IdempotencyStore``.
public enum IdempotencyClaim: Sendable, Hashable {
    /// The first delivery with this key: process it, then `complete` (or `release` if processing failed).
    case claimed
    /// Another delivery with this key is being processed right now.
    case inProgress
    /// Already processed: answer with the stored reply and do nothing else.
    case done(StoredReply)
}

/// Remembers which callbacks were processed, so a repeated delivery (Tarlan retries until it gets a
/// 200) is processed once. Keys are built as the README advises: transaction id and status.
///
/// In production this is a table with a unique key, in the same transaction as the processing:
/// `claim` inserts the key (a unique-key violation means it was claimed before), `complete` stores the
/// reply, `release` deletes the row so that Tarlan's next retry can process it.
public protocol IdempotencyStore: Sendable {
    func claim(_ key: String) async throws -> IdempotencyClaim
    func complete(_ key: String, with reply: StoredReply) async throws
    func release(_ key: String) async
}

/// An ``IdempotencyStore`` in memory: for tests and for one process that may forget on restart.
public actor InMemoryIdempotencyStore: IdempotencyStore {
    private enum State {
        case processing
        case done(StoredReply)
    }

    private var states: [String: State] = [:]

    public init() {}

    public func claim(_ key: String) -> IdempotencyClaim {
        switch states[key] {
        case nil:
            states[key] = .processing
            return .claimed
        case .processing:
            return .inProgress
        case .done(let reply):
            return .done(reply)
        }
    }

    public func complete(_ key: String, with reply: StoredReply) {
        states[key] = .done(reply)
    }

    public func release(_ key: String) {
        states[key] = nil
    }

    /// Keys processed to the end.
    public var processedKeys: [String] {
        states.compactMap { key, state in
            if case .done = state { key } else { nil }
        }.sorted()
    }
}
