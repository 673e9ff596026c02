/// Word-wraps one line of a doc comment's Markdown.
///
/// A list item (`- `, `* `, `+ `, `1. `, indented or not) continues under its text, so the item
/// stays one item; a continuation line never starts with something Markdown would read as a new
/// block (a list marker, `#`, `>`, a code fence). A word longer than the width (a URL) gets a line
/// of its own rather than being cut.
enum DocWrapper {
    static func wrap(_ line: String, width: Int) -> [String] {
        guard Columns.of(line) > width else { return [line] }
        let leading = line.prefix { $0 == " " }
        let rest = line.dropFirst(leading.count)
        let hang = leading.count + listMarkerWidth(rest)
        let indentation = String(repeating: " ", count: hang)
        let words = rest.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count > 1 else { return [line] }

        var lines: [String] = []
        var current = String(leading)
        var currentWidth = leading.count
        var wordsOnLine = 0
        for word in words {
            let wordWidth = Columns.of(word)
            if wordsOnLine > 0 && currentWidth + 1 + wordWidth > width {
                // Carry the last word along when this one would open a Markdown block.
                if startsBlock(word), wordsOnLine > 1, let space = current.lastIndex(of: " ") {
                    let carried = current[current.index(after: space)...]
                    lines.append(String(current[..<space]))
                    current = indentation + carried
                    currentWidth = hang + Columns.of(carried)
                    wordsOnLine = 1
                } else {
                    lines.append(current)
                    current = indentation
                    currentWidth = hang
                    wordsOnLine = 0
                }
            }
            if wordsOnLine > 0 {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += wordWidth
            wordsOnLine += 1
        }
        lines.append(current)
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
