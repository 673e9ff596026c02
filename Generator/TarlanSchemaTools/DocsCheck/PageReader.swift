import Foundation

/// Turns a page file into a ``DocumentationPage``, choosing the parser by the page's form.
package enum PageReader {
    package static func read(_ bytes: [UInt8], path: String) throws(PageReadError) -> DocumentationPage {
        if let zero = bytes.firstIndex(of: 0) {
            throw PageReadError(
                path: path, line: line(of: zero, in: bytes), message: "binary data (a NUL byte), not a text page")
        }
        // A page cut inside a multi-byte character is still read, up to the cut.
        guard
            let text = (0...3).lazy.compactMap({ cut in
                cut <= bytes.count ? String(data: Data(bytes.dropLast(cut)), encoding: .utf8) : nil
            }).first
        else {
            throw PageReadError(
                path: path, line: line(of: firstInvalidUTF8(bytes), in: bytes), message: "not valid UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw PageReadError(path: path, line: 1, message: "the page is empty")
        }

        var page =
            isMarkdown(lines)
            ? try MarkdownPageParser.parse(lines, path: path)
            : PlainTextPageParser.parse(lines, path: path)
        if !text.hasSuffix("\n") { distrustLastLine(of: &page) }
        page.reachesEnd = reachesEnd(page, lines)
        return page
    }

    static func reachesEnd(_ page: DocumentationPage, _ lines: [String]) -> Bool {
        // Without a JSON sample there is no "after the samples" to see.
        guard let lastJSON = page.examples.filter({ $0.kind == .json }).map(\.line).max() else { return false }
        if page.examples.contains(where: { $0.kind == .curl && $0.line > lastJSON }) { return true }
        if let urlLine = page.urlLine, urlLine != page.endpointLine, urlLine > lastJSON { return true }
        return lines.dropFirst(lastJSON).contains { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("Last updated") || text.hasPrefix("# Agent Instructions")
        }
    }

    /// Without a final newline the last line may be cut mid-word: a row or endpoint on it is not
    /// compared (rendered pages often end without one, after their last real content).
    static func distrustLastLine(of page: inout DocumentationPage) {
        let last = page.lineCount
        var cut = false
        let mayBeCut = { (row: PageRow) in row.endLine >= last && !row.isClosed }
        for index in page.tables.indices where page.tables[index].rows.contains(where: mayBeCut) {
            page.tables[index].rows.removeAll(where: mayBeCut)
            page.tables[index].mayBeCut = true
            cut = true
        }
        if page.endpointLine == last || page.urlLine == last {
            page.url = nil
            cut = true
        }
        if cut, page.stop == nil {
            page.stop = PageStop(line: last, reason: "the last line has no line end and may be cut off")
        }
    }

    /// GitBook Markdown has `#` headings, `{% … %}` tags, pipe tables or fences; rendered text has none.
    static func isMarkdown(_ lines: [String]) -> Bool {
        lines.contains { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("# ") || text.hasPrefix("## ") || text.hasPrefix("{%") || text.hasPrefix("```")
                || (text.hasPrefix("|") && text.hasSuffix("|")) || text.contains("<mark ")
        }
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// Where UTF-8 decoding fails (a rough check: Foundation decides, this only places the error).
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let length: Int
            switch bytes[index] {
            case 0..<0x80: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for offset in 1..<max(length, 1) where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return 0
    }
}
