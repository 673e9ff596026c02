import Foundation

/// Options shared by every call of a client.
public struct TarlanClientConfiguration: Sendable {
    /// Seconds one attempt may take in all: connecting, sending and reading the whole response. A
    /// deadline, not an idle timeout: a server that trickles its answer does not extend it.
    package var timeout: TimeInterval
    /// Run in order around every request.
    package var middlewares: [any TarlanMiddleware]
    /// Retries for idempotent operations only (status checks, balance, lists); nil: never retry.
    /// Payment-creating operations are never retried, whatever this says.
    package var retryPolicy: TarlanRetryPolicy?
    /// Sent as `User-Agent` with every request.
    package var userAgent: String

    /// - Parameter userAgent: The `User-Agent` of every request; by default
    ///   `TarlanKit/<version> (Swift <version>; <OS>)`, so Tarlan's logs show which SDK called.
    public init(
        timeout: TimeInterval = 30, middlewares: [any TarlanMiddleware] = [], retryPolicy: TarlanRetryPolicy? = nil,
        userAgent: String? = nil
    ) {
        self.timeout = timeout
        self.middlewares = middlewares
        self.retryPolicy = retryPolicy
        self.userAgent = userAgent ?? TarlanKit.userAgent
    }
}

/// Options of one call, overriding the client's.
public struct TarlanCallOptions: Sendable {
    /// Seconds this call's attempt may take in all (a deadline); the client's timeout when nil.
    package var timeout: TimeInterval?

    public init(timeout: TimeInterval? = nil) {
        self.timeout = timeout
    }
}

/// Exponential backoff with jitter and a cap, for operations the schema marks idempotent.
///
/// Retries a transport failure or an HTTP 429/502/503/504 without an error envelope; never an API
/// error (the server understood and answered) and never a decoding failure. The whole call, every
/// attempt and pause included, ends by `maxTotalDuration`
/// (``init(maxAttempts:initialDelay:maxDelay:jitter:maxTotalDuration:)``); a `Retry-After` on a 429 or
/// 503 is honoured when it fits in that deadline, and otherwise the call fails at once with the last error.
public struct TarlanRetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    package var maxAttempts: Int
    package var initialDelay: TimeInterval
    package var maxDelay: TimeInterval
    /// 0…1: each delay is multiplied by a random factor in `1 ± jitter`.
    package var jitter: Double
    /// Seconds the whole call may take, retries and pauses included.
    package var maxTotalDuration: TimeInterval

    public init(
        maxAttempts: Int = 3, initialDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 8, jitter: Double = 0.5,
        maxTotalDuration: TimeInterval = 30
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = max(0, initialDelay)
        self.maxDelay = max(0, maxDelay)
        self.jitter = min(1, max(0, jitter))
        self.maxTotalDuration = max(0, maxTotalDuration)
    }

    /// The pause before attempt `attempt + 1` (attempt counts from 1).
    package func delay(after attempt: Int, random: Double = Double.random(in: 0...1)) -> TimeInterval {
        let exponential = initialDelay * pow(2, Double(max(0, attempt - 1)))
        let capped = min(maxDelay, exponential)
        return max(0, capped * (1 + jitter * (2 * random - 1)))
    }

    static func isRetryable(_ error: TarlanError) -> Bool {
        switch error {
        case .transport: true
        case .http(let failure): [429, 502, 503, 504].contains(failure.httpStatus)
        case .api, .decoding, .invalidRequest: false
        }
    }
}
