import Foundation

/// Where a request may go: https anywhere, plain http only to this machine (local test servers).
enum Destination {
    static func mayReceive(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return true
        case "http": return isLoopback(url.host)
        default: return false
        }
    }

    /// `localhost`, `::1`, or an IPv4 literal in 127.0.0.0/8 (not a name like 127.0.0.1.evil.example).
    static func isLoopback(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) && UInt8($0) != nil }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
