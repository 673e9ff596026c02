import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A minimal HTTP/1.1 server on a loopback address for tests of real HTTP clients
/// (`URLSessionTransport`, the `tarlan` executable).
///
/// One request per connection: it reads the request head and a `Content-Length` body, asks the
/// handler what to do (``Reply``), does it and closes. Besides answering normally it can misbehave
/// the ways real servers and networks do: cut the body short or reset the connection, never answer,
/// or stream a body far larger than any client should accept. Everything is bounded (connections,
/// head and body sizes, read time) and ``stop()`` ends every thread it started.
public final class LocalHTTPServer: @unchecked Sendable {
    /// A request as the server read it.
    public struct Request: Sendable {
        public var method: String
        /// The request target as sent: path and query.
        public var target: String
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: Data

        public init(method: String, target: String, headers: [String: String], body: Data) {
            self.method = method
            self.target = target
            self.headers = headers
            self.body = body
        }

        public var path: String { String(target.prefix { $0 != "?" }) }

        public var query: String? {
            guard let mark = target.firstIndex(of: "?") else { return nil }
            return String(target[target.index(after: mark)...])
        }

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// A complete answer.
    public struct Response: Sendable {
        public var status: Int
        public var reason: String
        public var headers: [(String, String)]
        public var body: Data
        /// Leave out `Content-Length`: the body then ends when the connection closes.
        public var omitsContentLength = false

        public init(status: Int, reason: String, headers: [(String, String)], body: Data, omitsContentLength: Bool = false) {
            self.status = status
            self.reason = reason
            self.headers = headers
            self.body = body
            self.omitsContentLength = omitsContentLength
        }

        public static func json(_ text: String, status: Int = 200) -> Response {
            Response(status: status, reason: status == 200 ? "OK" : "Status", headers: [("Content-Type", "application/json")], body: Data(text.utf8))
        }

        public static func html(_ text: String, status: Int, reason: String) -> Response {
            Response(status: status, reason: reason, headers: [("Content-Type", "text/html")], body: Data(text.utf8))
        }

        /// A redirect (302 by default) to `location`, with a short HTML body as real servers send.
        public static func redirect(to location: String, status: Int = 302) -> Response {
            Response(
                status: status, reason: status == 301 ? "Moved Permanently" : "Found",
                headers: [("Location", location), ("Content-Type", "text/html")],
                body: Data("<html><body>Moved to <a href=\"\(location)\">here</a></body></html>".utf8))
        }
    }

    /// A body streamed in chunks, for clients that must stop reading early.
    public struct Stream: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        /// Bytes of body the server means to send in all.
        public var totalBytes: Int
        /// Send `Content-Length: totalBytes`; otherwise the body ends when the connection closes.
        public var announcesLength: Bool
        public var chunkSize: Int
        /// Pause after each chunk, so a client that reads everything takes long enough to notice.
        public var pauseBetweenChunks: TimeInterval
        /// The first bytes of the body (e.g. the start of a JSON document); the rest is filler.
        public var prefix: Data

        public init(
            status: Int = 200,
            headers: [(String, String)] = [("Content-Type", "application/json")],
            totalBytes: Int,
            announcesLength: Bool = true,
            chunkSize: Int = 16 * 1024,
            pauseBetweenChunks: TimeInterval = 0.001,
            prefix: Data = Data(#"{"status":true,"result":{"showcase_code":""#.utf8)
        ) {
            self.status = status
            self.headers = headers
            self.totalBytes = totalBytes
            self.announcesLength = announcesLength
            self.chunkSize = max(1, chunkSize)
            self.pauseBetweenChunks = max(0, pauseBetweenChunks)
            self.prefix = prefix
        }
    }

    /// What the server observed while streaming one ``Stream``.
    public struct StreamReport: Sendable {
        /// Body bytes the kernel accepted (some may never have reached the client).
        public var bytesWritten: Int
        public var totalBytes: Int
        /// The client went away (a write failed) before the whole body was written.
        public var clientClosedEarly: Bool
        public var elapsed: TimeInterval
    }

    /// What to do with a request.
    public enum Reply: Sendable {
        /// Answer normally, then close.
        case respond(Response)
        /// Send the head with `Content-Length: declaredLength` and only `response.body` (which should be
        /// shorter), then close the connection: with a TCP reset when `reset` is true, else an orderly close.
        case truncate(Response, declaredLength: Int, reset: Bool)
        /// Read the request, then never answer (until the client gives up or the server stops).
        case hang
        /// Read the whole request, then reset the connection without a byte of answer: the request
        /// reached the server, so its outcome is unknown to the client.
        case reset
        /// Stream a (typically huge) body in chunks until done or the client goes away; see ``streamReports``.
        case stream(Stream)
    }

    public enum StartError: Error {
        case system(String, Int32)
    }

    public let port: UInt16
    /// The IPv4 loopback address the server listens on (`127.0.0.1` unless another was asked for).
    public let address: String
    public var baseURL: URL { URL(string: "http://\(address):\(port)")! }

    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    private let threads = DispatchGroup()
    private let lock = NSLock()
    private var isStopped = false
    private var requests: [Request] = []
    private var reports: [StreamReport] = []
    private var acceptedConnections = 0
    private let maxConnections: Int

    private static let maxHeadBytes = 64 * 1024
    private static let maxBodyBytes = 1024 * 1024
    private static let readTimeout: TimeInterval = 5
    private static let pollMilliseconds: Int32 = 20

    /// Starts listening on `address` (any 127.x.y.z; Linux routes the whole block to loopback) and an
    /// ephemeral port. Connections beyond `maxConnections` are closed unanswered.
    public init(
        address: String = "127.0.0.1",
        maxConnections: Int = 32,
        handler: @escaping @Sendable (Request) -> Reply
    ) throws {
        self.handler = handler
        self.address = address
        self.maxConnections = maxConnections
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { throw StartError.system("socket", errno) }
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))

        var socketAddress = sockaddr_in()
        #if canImport(Darwin)
        socketAddress.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = 0
        guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else {
            close(fd)
            throw StartError.system("inet_pton", EINVAL)
        }
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw StartError.system("bind", code)
        }
        guard listen(fd, 16) == 0 else {
            let code = errno
            close(fd)
            throw StartError.system("listen", code)
        }
        var assigned = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &assigned) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw StartError.system("getsockname", code)
        }
        listener = fd
        port = UInt16(bigEndian: assigned.sin_port)

        threads.enter()
        let thread = Thread { [self] in
            acceptLoop()
            threads.leave()
        }
        thread.name = "LocalHTTPServer.accept"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Every request the server has read, in arrival order.
    public var receivedRequests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return requests
    }

    /// One report per finished ``Reply/stream(_:)``, in the order they finished.
    public var streamReports: [StreamReport] {
        lock.lock()
        defer { lock.unlock() }
        return reports
    }

    /// Polls (without blocking a thread) until `condition` holds or `timeout` passes; whether it held.
    public func wait(timeout: TimeInterval = 5, until condition: @Sendable (LocalHTTPServer) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(self) {
            guard Date() < deadline else { return false }
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        return true
    }

    /// Stops accepting, ends every connection and waits (boundedly) for the threads. Idempotent.
    public func stop() {
        lock.lock()
        let wasStopped = isStopped
        isStopped = true
        lock.unlock()
        guard !wasStopped else { return }
        _ = threads.wait(timeout: .now() + 5)
        close(listener)
    }

    private var stopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isStopped
    }

    // MARK: Accepting

    private func acceptLoop() {
        while !stopped {
            guard Self.waitReadable(listener) else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            lock.lock()
            acceptedConnections += 1
            let allowed = acceptedConnections <= maxConnections
            lock.unlock()
            guard allowed else {
                close(connection)
                continue
            }
            #if canImport(Darwin)
            var noSigPipe: Int32 = 1
            _ = setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &noSigPipe, socklen_t(MemoryLayout<Int32>.size))
            #endif
            threads.enter()
            let thread = Thread { [self] in
                serve(connection)
                close(connection)
                threads.leave()
            }
            thread.name = "LocalHTTPServer.connection"
            thread.start()
        }
    }

    /// Whether `fd` became readable within one poll interval.
    private static func waitReadable(_ fd: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, pollMilliseconds) > 0
    }

    // MARK: One connection

    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        let deadline = Date().addingTimeInterval(Self.readTimeout)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)

        var headEnd: Int?
        while headEnd == nil {
            guard buffer.count <= Self.maxHeadBytes, readMore(fd, into: &buffer, until: deadline) else { return }
            headEnd = Self.find(separator, in: buffer)
        }
        guard let headEnd, let head = String(bytes: buffer[..<headEnd], encoding: .utf8) else { return }
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3 else { return }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = value
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard length >= 0, length <= Self.maxBodyBytes else { return }
        if headers["expect"]?.lowercased() == "100-continue" {
            guard writeAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
        }
        let bodyStart = headEnd + separator.count
        while buffer.count - bodyStart < length {
            guard readMore(fd, into: &buffer, until: deadline) else { return }
        }
        let request = Request(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
            body: Data(buffer[bodyStart..<bodyStart + length]))
        lock.lock()
        requests.append(request)
        lock.unlock()

        switch handler(request) {
        case .respond(let response):
            let head = Self.head(
                status: response.status, reason: response.reason, headers: response.headers,
                contentLength: response.omitsContentLength ? nil : response.body.count)
            _ = writeAll(fd, head + Array(response.body))
        case .truncate(let response, let declaredLength, let reset):
            let head = Self.head(status: response.status, reason: response.reason, headers: response.headers, contentLength: declaredLength)
            _ = writeAll(fd, head + Array(response.body))
            if reset {
                // Give the client time to read the head, then make close() send RST instead of FIN
                // (SO_LINGER with a zero timeout).
                Thread.sleep(forTimeInterval: 0.05)
                var option = linger(l_onoff: 1, l_linger: 0)
                _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            } else {
                // Let the bytes reach the client before the orderly close.
                shutdown(fd, Int32(SHUT_WR))
            }
        case .reset:
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            var option = linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        case .hang:
            // Wait for the client to give up (it closes: a read returns 0) or for stop().
            var scratch = [UInt8](repeating: 0, count: 512)
            while !stopped {
                guard Self.waitReadable(fd) else { continue }
                if read(fd, &scratch, scratch.count) <= 0 { return }
            }
        case .stream(let stream):
            let report = serveStream(fd, stream)
            lock.lock()
            reports.append(report)
            lock.unlock()
        }
    }

    private func serveStream(_ fd: Int32, _ stream: Stream) -> StreamReport {
        let started = Date()
        var written = 0
        var closedEarly = false
        let head = Self.head(
            status: stream.status, reason: "OK", headers: stream.headers,
            contentLength: stream.announcesLength ? stream.totalBytes : nil)
        if writeAll(fd, head) {
            let filler = [UInt8](repeating: UInt8(ascii: "x"), count: stream.chunkSize)
            var prefix = Array(stream.prefix.prefix(stream.totalBytes))
            while written < stream.totalBytes, !stopped {
                let count = min(stream.chunkSize, stream.totalBytes - written)
                var chunk = Array(prefix.prefix(count))
                prefix.removeFirst(chunk.count)
                chunk += filler.prefix(count - chunk.count)
                guard writeAll(fd, chunk) else {
                    closedEarly = true
                    break
                }
                written += count
                if stream.pauseBetweenChunks > 0 { Thread.sleep(forTimeInterval: stream.pauseBetweenChunks) }
            }
        } else {
            closedEarly = true
        }
        return StreamReport(
            bytesWritten: written, totalBytes: stream.totalBytes, clientClosedEarly: closedEarly,
            elapsed: Date().timeIntervalSince(started))
    }

    private static func head(status: Int, reason: String, headers: [(String, String)], contentLength: Int?) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8)
    }

    /// Appends what is available; false on EOF, error, timeout or stop.
    private func readMore(_ fd: Int32, into buffer: inout [UInt8], until deadline: Date) -> Bool {
        while !stopped, Date() < deadline {
            guard Self.waitReadable(fd) else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        return false
    }

    /// Writes everything; false as soon as a write fails (the client closed or reset the connection),
    /// the server stops, or the client has not read anything for `readTimeout`.
    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        #if canImport(Darwin)
        let flags = Int32(MSG_DONTWAIT)
        #else
        let flags = Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
        #endif
        var offset = 0
        var deadline = Date().addingTimeInterval(Self.readTimeout)
        while offset < bytes.count {
            guard !stopped, Date() < deadline else { return false }
            var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            guard poll(&descriptor, 1, Self.pollMilliseconds) > 0 else { continue }
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
            if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { continue }
            guard written > 0 else { return false }
            offset += written
            deadline = Date().addingTimeInterval(Self.readTimeout)
        }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

/// A reply a test can change between requests, for one server that plays many scenarios:
/// `LocalHTTPServer(handler: replies.handler)`, then `replies.current = …` before each call.
public final class SwitchableReply: @unchecked Sendable {
    private let lock = NSLock()
    private var reply: LocalHTTPServer.Reply

    public init(_ reply: LocalHTTPServer.Reply = .respond(.json(#"{"status":true,"result":{}}"#))) {
        self.reply = reply
    }

    /// What the server does with the next request.
    public var current: LocalHTTPServer.Reply {
        get {
            lock.lock()
            defer { lock.unlock() }
            return reply
        }
        set {
            lock.lock()
            reply = newValue
            lock.unlock()
        }
    }

    public var handler: @Sendable (LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
        { [self] _ in current }
    }
}
