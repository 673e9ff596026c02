import Foundation
import TarlanCore

/// Where in the schema something was written: file, line, column and JSON pointer.
///
/// Locations read from a schema file carry the pointer and the file's ``SourceMap``; the line and
/// column are looked up only when asked for (a diagnostic is printed), so loading a schema without
/// problems never records where its values start.
package struct SourceLocation: Hashable, Sendable {
    package var file: String
    package var pointer: String
    /// Set for a location given by line and column.
    private var knownPosition: JSONSourceLocation?
    /// Else `pointer` is looked up here; failing that `fallback` (an enclosing value); else the file's start.
    private var map: SourceMap?
    private var fallback: String?

    package init(file: String, line: Int, column: Int, pointer: String) {
        self.file = file
        self.pointer = pointer
        self.knownPosition = JSONSourceLocation(line: line, column: column)
    }

    package init(file: String, pointer: String, map: SourceMap, fallback: String? = nil) {
        self.file = file
        self.pointer = pointer
        self.map = map
        self.fallback = fallback
    }

    package var line: Int { resolved.line }
    package var column: Int { resolved.column }

    private var resolved: JSONSourceLocation {
        if let knownPosition { return knownPosition }
        return map?[pointer] ?? fallback.flatMap { map?[$0] } ?? JSONSourceLocation(line: 1, column: 1)
    }

    /// `agws.json#/operations/checkBalance`: the form doc comments cite.
    package var reference: String {
        // The file's last path component, found over the UTF-8 view (each model and operation cites it).
        let path = file.utf8
        let slash = UInt8(ascii: "/")
        var end = path.endIndex
        while end > path.startIndex, path[path.index(before: end)] == slash { end = path.index(before: end) }
        let start = path[..<end].lastIndex(of: slash).map(path.index(after:)) ?? path.startIndex
        return (start < end ? String(file[start..<end]) : file) + "#" + pointer
    }

    package static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.file == rhs.file && lhs.pointer == rhs.pointer && lhs.line == rhs.line && lhs.column == rhs.column
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(pointer)
    }
}

/// Where each JSON pointer of one schema file starts, found on first use by parsing the file again
/// with locations (a fraction of a large schema's load time otherwise spent on every load).
package final class SourceMap: @unchecked Sendable {
    private let contents: [UInt8]
    private let lock = NSLock()
    private var locations: [String: JSONSourceLocation]?

    package init(contents: [UInt8]) {
        self.contents = contents
    }

    package subscript(pointer: String) -> JSONSourceLocation? {
        lock.withLock {
            if locations == nil {
                // The file parsed once already; only its locations are new.
                locations = (try? JSONParser.parseWithLocations(contents))?.locations ?? [:]
            }
            return locations![pointer]
        }
    }
}

/// One finding about a schema, printed the way SwiftPM and Xcode place it on the schema line.
package struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    package enum Severity: String, Sendable {
        case error
        case warning
    }

    package var severity: Severity
    package var message: String
    package var location: SourceLocation
    /// A warning about something the schema already records as a documentation quirk (the example's
    /// `quirk`): maintainers see it (`--verbose`, tests); a downstream build does not.
    package var isRecordedQuirk = false

    package init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `path/to/file.json:LINE:COLUMN: error: MESSAGE (at /json/pointer)`
    package var description: String {
        let pointer = location.pointer.isEmpty ? "/" : location.pointer
        return "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message) (at \(pointer))"
    }
}

/// Collects diagnostics from a stage; a stage fails when any error was reported.
package struct DiagnosticLog: Sendable {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    package mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, message, at: location))
    }

    /// Adds what another log (of a part checked apart) recorded.
    package mutating func append(_ other: DiagnosticLog) {
        diagnostics += other.diagnostics
    }

    package mutating func warning(_ message: String, at location: SourceLocation, recordedQuirk: Bool = false) {
        var diagnostic = Diagnostic(.warning, message, at: location)
        diagnostic.isRecordedQuirk = recordedQuirk
        diagnostics.append(diagnostic)
    }

    /// Sorted by file, line, column, so output is stable whatever order checks ran in.
    package var sorted: [Diagnostic] {
        diagnostics.sorted {
            ($0.location.file, $0.location.line, $0.location.column, $0.message)
                < ($1.location.file, $1.location.line, $1.location.column, $1.message)
        }
    }
}

/// Thrown by a stage that reported errors; carries every diagnostic found so far.
package struct GenerationFailed: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]

    package init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    package var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
