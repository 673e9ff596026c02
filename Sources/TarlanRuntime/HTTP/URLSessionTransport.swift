import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends requests with `URLSession` (FoundationNetworking on Linux).
///
/// Hardened for a payment client: redirects are never followed (they would carry the signature
/// to another host), a response larger than `maxResponseSize` is abandoned as soon as it exceeds
/// the limit instead of being read into memory, the request's timeout is a deadline for the whole
/// attempt (not an idle timeout: a server trickling one byte a second does not keep it alive), a
/// failure says whether any of the request left the machine, and cancelling the task cancels the
/// request.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    /// Used when a request carries no timeout of its own.
    package let defaultTimeout: TimeInterval
    /// The largest response body accepted, in bytes. 10 MB by default.
    package let maxResponseSize: Int

    private let session: URLSession
    private let delegate: SessionDelegate

    public init(defaultTimeout: TimeInterval = 30, maxResponseSize: Int = 10_000_000) {
        self.defaultTimeout = defaultTimeout
        self.maxResponseSize = maxResponseSize
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        delegate = SessionDelegate()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let timeout = request.timeout ?? defaultTimeout
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.httpBody = request.body
        // URLSession's own timeout only limits the gap between bytes, and FoundationNetworking truncates
        // it to whole seconds (0.9 s would time out at once); the deadline below bounds the whole attempt.
        urlRequest.timeoutInterval = max(1, timeout.rounded(.up))
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        let task = session.dataTask(with: urlRequest)
        let limit = maxResponseSize
        let hasBody = !(request.body?.isEmpty ?? true)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.register(task, limit: limit, hasBody: hasBody, continuation: continuation)
                delegate.expire(task, after: timeout)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// Collects each task's response and body, enforcing the size limit while the body streams in and
/// the deadline of the whole attempt.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var limit: Int
        var hasBody: Bool
        var continuation: CheckedContinuation<HTTPResponse, any Error>
        var response: HTTPURLResponse?
        var body = Data()
        var timer: DispatchSourceTimer?
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]
    private let timers = DispatchQueue(label: "URLSessionTransport.deadlines")

    func register(
        _ task: URLSessionTask, limit: Int, hasBody: Bool, continuation: CheckedContinuation<HTTPResponse, any Error>
    ) {
        lock.lock()
        pending[task.taskIdentifier] = Pending(limit: limit, hasBody: hasBody, continuation: continuation)
        lock.unlock()
    }

    /// Ends the attempt at its deadline, however the bytes trickle in. A timer source, cancelled when the
    /// attempt ends: a plain `asyncAfter` would stay queued for the whole timeout after every call.
    func expire(_ task: URLSessionTask, after timeout: TimeInterval) {
        let timer = DispatchSource.makeTimerSource(queue: timers)
        timer.schedule(deadline: .now() + max(0, timeout))
        timer.setEventHandler { [weak self, weak task] in
            guard let self, let task, let entry = self.take(task) else { return }
            task.cancel()
            entry.continuation.resume(
                throwing: HTTPTransportError(
                    kind: .timedOut, requestMayHaveBeenSent: Self.mayHaveBeenSent(task, entry, after: nil),
                    reason: "timed out", urlErrorCode: URLError.Code.timedOut.rawValue))
        }
        lock.lock()
        let isPending = pending[task.taskIdentifier] != nil
        if isPending { pending[task.taskIdentifier]?.timer = timer }
        lock.unlock()
        if isPending { timer.resume() }
    }

    private func take(_ task: URLSessionTask) -> Pending? {
        lock.lock()
        let entry = pending.removeValue(forKey: task.taskIdentifier)
        lock.unlock()
        entry?.timer?.cancel()
        return entry
    }

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.lock()
        let http = response as? HTTPURLResponse
        let limit = pending[dataTask.taskIdentifier]?.limit ?? 0
        pending[dataTask.taskIdentifier]?.response = http
        lock.unlock()
        if response.expectedContentLength > Int64(limit) {
            fail(dataTask, with: HTTPTransportError.responseTooLarge(limit: limit, statusCode: http?.statusCode ?? 0))
            completionHandler(.cancel)
            // FoundationNetworking keeps downloading after `.cancel`; cancelling the task stops it.
            dataTask.cancel()
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        guard var entry = pending[dataTask.taskIdentifier] else {
            lock.unlock()
            return
        }
        entry.body.append(data)
        let tooLarge = entry.body.count > entry.limit
        pending[dataTask.taskIdentifier] = tooLarge ? nil : entry
        lock.unlock()
        if tooLarge {
            entry.timer?.cancel()
            dataTask.cancel()
            entry.continuation.resume(
                throwing: HTTPTransportError.responseTooLarge(
                    limit: entry.limit, statusCode: entry.response?.statusCode ?? 0))
        }
    }

    /// Never follow a redirect: the 3xx itself is returned, and the signature stays with the intended host.
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = take(task) else { return }
        if let error {
            entry.continuation.resume(throwing: Self.transportError(error, task, entry))
            return
        }
        guard let http = entry.response ?? task.response as? HTTPURLResponse else {
            entry.continuation.resume(
                throwing: HTTPTransportError(
                    kind: .connectionLost, requestMayHaveBeenSent: true, reason: "no HTTP response",
                    urlErrorCode: URLError.Code.badServerResponse.rawValue))
            return
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        entry.continuation.resume(
            returning: HTTPResponse(statusCode: http.statusCode, headers: headers, body: entry.body))
    }

    private func fail(_ task: URLSessionTask, with error: any Error) {
        take(task)?.continuation.resume(throwing: error)
    }

    /// A URLSession failure as a transport error saying whether any of the request may have left.
    private static func transportError(_ error: any Error, _ task: URLSessionTask, _ entry: Pending) -> any Error {
        guard let urlError = error as? URLError else { return error }
        // Cancellation is the caller's (the task was cancelled); it surfaces as CancellationError.
        if urlError.code == .cancelled { return CancellationError() }
        var failure = HTTPTransportError(urlError)
        failure.requestMayHaveBeenSent = mayHaveBeenSent(task, entry, after: failure.kind)
        return failure
    }

    /// Nothing left the machine when the failure happened before a connection was made, or when the
    /// request has a body and none of it was written (the server cannot act on a body it never got).
    private static func mayHaveBeenSent(_ task: URLSessionTask, _ entry: Pending, after kind: HTTPTransportError.Kind?)
        -> Bool
    {
        switch kind {
        case .dnsFailure, .cannotConnect, .tlsFailure: return false
        default: break
        }
        if entry.response != nil { return true }
        return entry.hasBody ? task.countOfBytesSent > 0 : true
    }
}
