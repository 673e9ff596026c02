/// A position in a JSON text, for pointing a person at the right spot in a file.
public struct JSONSourceLocation: Sendable, Hashable {
    /// 1-based line number; lines end at LF.
    public var line: Int
    /// 1-based column, counted in UTF-8 bytes from the start of the line.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Why a JSON text was rejected, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, phrased for a person editing the file.
    public var message: String
    /// 0-based byte offset of the problem.
    public var offset: Int
    public var line: Int
    public var column: Int
    /// JSON pointer of the innermost member or element being parsed (best effort; "" is the root).
    public var pointer: String

    public init(message: String, offset: Int, line: Int, column: Int, pointer: String) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    /// "line 3, column 5: expected ',' or '}' after object member (at /result)".
    public var description: String {
        let location = "line \(line), column \(column): \(message)"
        return pointer.isEmpty ? location : "\(location) (at \(pointer))"
    }
}
