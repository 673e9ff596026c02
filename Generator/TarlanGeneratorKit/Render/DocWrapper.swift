/// Word-wraps one line of a doc comment's Markdown.
///
/// A list item (`- `, `* `, `+ `, `1. `, indented or not) continues under its text, so the item
/// stays one item; a continuation line never starts with something Markdown would read as a new
/// block (a list marker, `#`, `>`, a code fence). A word longer than the width (a URL) gets a line
/// of its own rather than being cut.
enum DocWrapper {
    static func wrap(_ line: String, width: Int) -> [String] {
        guard Columns.of(line) > width else { return [line] }
        let leading = line.prefix { $0 == " " }.count
        let hang = leading + listMarkerWidth(line.dropFirst(leading))
        // Over the bytes: words are runs between space bytes (a space is never part of a multi-byte scalar).
        let space = UInt8(ascii: " ")
        let bytes = Array(line.utf8)
        var words: [Range<Int>] = []
        var index = leading
        while index < bytes.count {
            guard bytes[index] != space else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, bytes[index] != space { index += 1 }
            words.append(start..<index)
        }
        guard words.count > 1 else { return [line] }

        var lines: [String] = []
        var current = [UInt8](repeating: space, count: leading)
        var currentWidth = leading
        var wordsOnLine = 0
        var lastWordStart = 0
        for word in words {
            let wordWidth = bytes[word].withUnsafeBufferPointer(Columns.of)
            if wordsOnLine > 0 && currentWidth + 1 + wordWidth > width {
                // Carry the last word along when this one would open a Markdown block.
                if wordsOnLine > 1, startsBlock(Substring(String(decoding: bytes[word], as: UTF8.self))) {
                    let carried = current[lastWordStart...]
                    lines.append(String(decoding: current[..<(lastWordStart - 1)], as: UTF8.self))
                    current = [UInt8](repeating: space, count: hang) + carried
                    currentWidth = hang + carried.withUnsafeBufferPointer(Columns.of)
                    lastWordStart = hang
                    wordsOnLine = 1
                } else {
                    lines.append(String(decoding: current, as: UTF8.self))
                    current = [UInt8](repeating: space, count: hang)
                    currentWidth = hang
                    wordsOnLine = 0
                }
            }
            if wordsOnLine > 0 {
                current.append(space)
                currentWidth += 1
            }
            lastWordStart = current.count
            current += bytes[word]
            currentWidth += wordWidth
            wordsOnLine += 1
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }

    /// Width of a list marker and the space after it at the start of `text` (0 if none).
    private static func listMarkerWidth(_ text: Substring) -> Int {
        for marker in ["- ", "* ", "+ "] where text.hasPrefix(marker) { return 2 }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, text.dropFirst(digits.count).hasPrefix(". ") { return digits.count + 2 }
        return 0
    }

    /// Whether a line starting with `word` would open a Markdown block.
    private static func startsBlock(_ word: Substring) -> Bool {
        if ["-", "*", "+", ">"].contains(word) || word.hasPrefix("#") || word.hasPrefix("```") { return true }
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && digits.count == word.count - 1 && (word.hasSuffix(".") || word.hasSuffix(")"))
    }
}
