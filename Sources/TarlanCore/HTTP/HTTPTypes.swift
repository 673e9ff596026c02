import Foundation

public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case delete = "DELETE"
}

/// A request as the transport sends it. Header names are matched case-insensitively.
public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    public var body: Data?
    /// Seconds the whole attempt may take (connect, send, the full response body); the transport's
    /// default when nil. A transport must end the attempt by then.
    public var timeout: TimeInterval?

    public init(
        method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: Data? = nil, timeout: TimeInterval? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A response as the transport received it.
public struct HTTPResponse: Sendable, Hashable {
    public var statusCode: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(statusCode: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }
}

/// Header fields with case-insensitive lookup and a stable (sorted) order for printing.
///
/// Two header sets are equal when they hold the same values under the same names, in any case.
public struct HTTPHeaders: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    private struct Field: Sendable, Hashable {
        var name: String
        var value: String
    }

    /// By lowercased name.
    private var fields: [String: Field] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    public subscript(name: String) -> String? {
        get { fields[name.lowercased()]?.value }
        set { fields[name.lowercased()] = newValue.map { Field(name: name, value: $0) } }
    }

    /// Fields sorted by lowercased name.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.keys.sorted().map { (fields[$0]!.name, fields[$0]!.value) }.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.mapValues(\.value) == rhs.fields.mapValues(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.mapValues(\.value))
    }
}
