/// Where in the schema something was written: file, line, column and JSON pointer.
public struct SourceLocation: Hashable, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var pointer: String

    public init(file: String, line: Int, column: Int, pointer: String) {
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    /// `agws.json#/operations/checkBalance`: the form doc comments cite.
    public var reference: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return "\(name)#\(pointer)"
    }
}

/// One finding about a schema, printed the way SwiftPM and Xcode place it on the schema line.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `path/to/file.json:LINE:COLUMN: error: MESSAGE (at /json/pointer)`
    public var description: String {
        let pointer = location.pointer.isEmpty ? "/" : location.pointer
        return "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message) (at \(pointer))"
    }
}

/// Collects diagnostics from a stage; a stage fails when any error was reported.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, message, at: location))
    }

    public mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, message, at: location))
    }

    /// Sorted by file, line, column, so output is stable whatever order checks ran in.
    public var sorted: [Diagnostic] {
        diagnostics.sorted {
            ($0.location.file, $0.location.line, $0.location.column, $0.message)
                < ($1.location.file, $1.location.line, $1.location.column, $1.message)
        }
    }
}

/// Thrown by a stage that reported errors; carries every diagnostic found so far.
public struct GenerationFailed: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
