/// A position in a JSON text, for pointing a person at the right spot in a file.
package struct JSONSourceLocation: Sendable, Hashable {
    /// 1-based line number; lines end at LF.
    package var line: Int
    /// 1-based column, counted in UTF-8 bytes from the start of the line.
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Why a JSON text was rejected, and where.
package struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, phrased for a person editing the file.
    package var message: String
    /// 0-based byte offset of the problem.
    package var offset: Int
    package var line: Int
    package var column: Int
    /// JSON pointer of the innermost member or element being parsed (best effort; "" is the root).
    package var pointer: String

    package init(message: String, offset: Int, line: Int, column: Int, pointer: String) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    /// "line 3, column 5: expected ',' or '}' after object member (at /result)".
    package var description: String {
        let location = "line \(line), column \(column): \(message)"
        return pointer.isEmpty ? location : "\(location) (at \(pointer))"
    }
}
