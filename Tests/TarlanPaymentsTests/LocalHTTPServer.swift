import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 for round-trip tests of `URLSessionTransport`.
///
/// One request per connection: it reads the request head and a `Content-Length` body, asks the
/// handler what to do, writes the answer with `Connection: close` and closes. Everything is bounded
/// (connections, head and body sizes, read time) and `stop()` ends every thread it started.
final class LocalHTTPServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        /// The request target as sent: path and query.
        var target: String
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data

        var path: String { String(target.prefix { $0 != "?" }) }

        var query: String? {
            guard let mark = target.firstIndex(of: "?") else { return nil }
            return String(target[target.index(after: mark)...])
        }

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    struct Response: Sendable {
        var status: Int
        var reason: String
        var headers: [(String, String)]
        var body: Data
        /// Leave out `Content-Length`: the body then ends when the connection closes.
        var omitsContentLength = false

        static func json(_ text: String, status: Int = 200) -> Response {
            Response(status: status, reason: status == 200 ? "OK" : "Status", headers: [("Content-Type", "application/json")], body: Data(text.utf8))
        }

        static func html(_ text: String, status: Int, reason: String) -> Response {
            Response(status: status, reason: reason, headers: [("Content-Type", "text/html")], body: Data(text.utf8))
        }
    }

    enum Reply: Sendable {
        case respond(Response)
        /// Read the request, then never answer (until the client gives up or the server stops).
        case hang
    }

    enum StartError: Error {
        case system(String, Int32)
    }

    let port: UInt16
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    private let threads = DispatchGroup()
    private let lock = NSLock()
    private var isStopped = false
    private var requests: [Request] = []
    private var acceptedConnections = 0

    private static let maxConnections = 32
    private static let maxHeadBytes = 64 * 1024
    private static let maxBodyBytes = 1024 * 1024
    private static let readTimeout: TimeInterval = 5
    private static let pollMilliseconds: Int32 = 20

    init(handler: @escaping @Sendable (Request) -> Reply) throws {
        self.handler = handler
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { throw StartError.system("socket", errno) }
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
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
    var receivedRequests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return requests
    }

    /// Stops accepting, ends every connection and waits (boundedly) for the threads. Idempotent.
    func stop() {
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
            let allowed = acceptedConnections <= Self.maxConnections
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
            var text = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
            for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
            if !response.omitsContentLength { text += "Content-Length: \(response.body.count)\r\n" }
            text += "Connection: close\r\n\r\n"
            _ = writeAll(fd, Array(text.utf8) + Array(response.body))
        case .hang:
            // Wait for the client to give up (it closes: a read returns 0) or for stop().
            var scratch = [UInt8](repeating: 0, count: 512)
            while !stopped {
                guard Self.waitReadable(fd) else { continue }
                if read(fd, &scratch, scratch.count) <= 0 { return }
            }
        }
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

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Darwin)
            let flags: Int32 = 0
            #else
            let flags = Int32(MSG_NOSIGNAL)
            #endif
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
            guard written > 0 else { return false }
            offset += written
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
