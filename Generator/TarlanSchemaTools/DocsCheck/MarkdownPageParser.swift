import Foundation

/// Reads the GitBook Markdown source of a page: `#` headings and `**bold**` captions, the
/// `` `POST` `` endpoint line, pipe and HTML tables, `{% tabs %}` with fenced or `<pre>` samples.
enum MarkdownPageParser {
    static func parse(_ lines: [String], path: String) throws(PageReadError) -> DocumentationPage {
        var reader = Reader(lines: lines, page: DocumentationPage(path: path, form: .markdown, lineCount: lines.count))
        try reader.run()
        return reader.page
    }

    private struct Reader {
        let lines: [String]
        var page: DocumentationPage
        var heading = ""
        var tabTitle: String?
        var openTabs: [Int] = []
        var index = 0

        init(lines: [String], page: DocumentationPage) {
            self.lines = lines
            self.page = page
        }

        mutating func run() throws(PageReadError) {
            while index < lines.count, page.stop == nil {
                let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("```") {
                    readFence()
                } else if trimmed.hasPrefix("<pre") {
                    readPre()
                } else if trimmed.hasPrefix("{%") {
                    try readTag(trimmed)
                } else if trimmed.hasPrefix("|"), index + 1 < lines.count, isSeparator(lines[index + 1]) {
                    try readPipeTable()
                } else if trimmed.contains("<table") {
                    readHTMLTable()
                } else {
                    readLine(trimmed)
                }
            }
            if page.stop == nil, let open = openTabs.first {
                page.stop = PageStop(line: lines.count, reason: "the tabs opened at line \(open) are not closed")
            }
        }

        // MARK: Samples

        mutating func readFence() {
            let start = index
            let language = lines[start].trimmingCharacters(in: .whitespaces).dropFirst(3).trimmingCharacters(
                in: .whitespaces)
            var end = start + 1
            while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("```") { end += 1 }
            guard end < lines.count else {
                page.stop = PageStop(
                    line: start + 1, reason: "the code block opened at line \(start + 1) is not closed")
                return
            }
            addSample(lines[(start + 1)..<end].joined(separator: "\n"), language: language, line: start + 2)
            index = end + 1
        }

        /// GitBook writes samples with footnotes as `<pre><code>` HTML; the footnote links are not part of the JSON.
        mutating func readPre() {
            let start = index
            var end = start
            while end < lines.count, !lines[end].contains("</pre>") { end += 1 }
            guard end < lines.count else {
                page.stop = PageStop(
                    line: start + 1, reason: "the <pre> block opened at line \(start + 1) is not closed")
                return
            }
            var html = lines[start...end].joined(separator: "\n")
            let language = PageText.firstMatch(#"lang-([A-Za-z]+)"#, in: html)?[1] ?? ""
            html = PageText.replacing(#"<a [^>]*data-footnote-ref[^>]*>.*?</a>"#, in: html, with: "")
            html = PageText.replacing(#"<[^>]+>"#, in: html, with: "")
            let text = PageText.decodeEntities(html).trimmingCharacters(in: .whitespacesAndNewlines)
            addSample(text, language: language, line: start + 1)
            index = end + 1
        }

        mutating func addSample(_ text: String, language: String, line: Int) {
            let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let label = tabTitle ?? heading
            if body.hasPrefix("curl") {
                page.examples.append(PageExample(kind: .curl, label: label, text: body, line: line))
            } else if language.lowercased() == "json" || body.hasPrefix("{") || body.hasPrefix("[") {
                page.examples.append(PageExample(kind: .json, label: label, text: body, line: line))
            }
        }

        // MARK: GitBook tags

        mutating func readTag(_ trimmed: String) throws(PageReadError) {
            let line = index + 1
            guard trimmed.contains("%}") else {
                guard index == lines.count - 1 else {
                    throw PageReadError(path: page.path, line: line, message: "a GitBook tag without its closing %}")
                }
                page.stop = PageStop(line: line, reason: "the GitBook tag at line \(line) is cut off")
                return
            }
            let name =
                trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
                ?? ""
            switch name {
            case "tabs":
                openTabs.append(line)
            case "tab":
                guard !openTabs.isEmpty else {
                    throw PageReadError(path: page.path, line: line, message: "{% tab %} outside {% tabs %}")
                }
                tabTitle = PageText.firstMatch(#"title="([^"]*)""#, in: trimmed).map { PageText.clean($0[1]) } ?? ""
            case "endtab":
                guard tabTitle != nil else {
                    throw PageReadError(path: page.path, line: line, message: "{% endtab %} without an open {% tab %}")
                }
                tabTitle = nil
            case "endtabs":
                guard openTabs.popLast() != nil else {
                    throw PageReadError(
                        path: page.path, line: line, message: "{% endtabs %} without an open {% tabs %}")
                }
                tabTitle = nil
            default:
                break
            }
            index += 1
        }

        // MARK: Tables

        func isSeparator(_ line: String) -> Bool {
            line.range(of: #"^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$"#, options: .regularExpression) != nil
        }

        func pipeCells(_ line: String) -> [String] {
            var cells: [String] = []
            var current = ""
            var escaped = false
            for character in line.trimmingCharacters(in: .whitespaces) {
                if character == "|", !escaped {
                    cells.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
                escaped = character == "\\" && !escaped
            }
            cells.append(current)
            if cells.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { cells.removeFirst() }
            if cells.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { cells.removeLast() }
            return cells
        }

        mutating func readPipeTable() throws(PageReadError) {
            let headerLine = index + 1
            let columns = pipeCells(lines[index]).map(PageText.clean)
            var rows: [PageRow] = []
            index += 2
            while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
                let line = lines[index]
                let cells = pipeCells(line)
                let complete = line.trimmingCharacters(in: .whitespaces).hasSuffix("|")
                if index == lines.count - 1, !complete || cells.count != columns.count {
                    page.stop = PageStop(line: index + 1, reason: "the table row at line \(index + 1) is cut off")
                    break
                }
                guard cells.count == columns.count else {
                    throw PageReadError(
                        path: page.path, line: index + 1,
                        message:
                            "table row has \(cells.count) cells; its header (line \(headerLine)) has \(columns.count)"
                    )
                }
                rows.append(Self.row(cells, line: index + 1))
                index += 1
            }
            addTable(PageTable(heading: heading, columns: columns, rows: rows, line: headerLine))
        }

        /// HTML tables (`<table><thead>…<tbody>…</table>`), often on one line.
        mutating func readHTMLTable() {
            let start = index
            var end = start
            while end < lines.count, !lines[end].contains("</table>") { end += 1 }
            let closed = end < lines.count
            let html = lines[start...min(end, lines.count - 1)].joined(separator: "\n")
            var columns: [String] = []
            var rows: [PageRow] = []
            for rowMatch in Self.matches(#"<tr[^>]*>(.*?)</tr>"#, in: html) {
                let line = start + 1 + html[..<rowMatch.range.lowerBound].filter { $0 == "\n" }.count
                let cells = Self.matches(#"<t[hd][^>]*>(.*?)</t[hd]>"#, in: rowMatch.inner).map(\.inner)
                if rowMatch.inner.contains("<th") {
                    columns = cells.map(PageText.clean)
                } else {
                    var row = Self.row(cells, line: line)
                    row.isClosed = true
                    rows.append(row)
                }
            }
            var table = PageTable(heading: heading, columns: columns, rows: rows, line: start + 1)
            if !closed {
                table.mayBeCut = true
                page.stop = PageStop(line: start + 1, reason: "the table opened at line \(start + 1) is not closed")
            }
            page.tables.append(table)
            index = end + 1
        }

        /// Marks a table the page ends with: rows after it may have been cut off.
        mutating func addTable(_ table: PageTable) {
            var table = table
            var next = index
            while next < lines.count, lines[next].trimmingCharacters(in: .whitespaces).isEmpty { next += 1 }
            if next >= lines.count || page.stop != nil {
                table.mayBeCut = true
                if page.stop == nil {
                    page.stop = PageStop(
                        line: lines.count, reason: "the page ends right after the table at line \(table.line)")
                }
            }
            page.tables.append(table)
        }

        static func row(_ rawCells: [String], line: Int) -> PageRow {
            let cells = rawCells.map(PageText.clean)
            let split = PageText.splitName(cells.first ?? "")
            let starred = split.starred || PageText.hasRedStar(rawCells.first ?? "")
            return PageRow(cells: cells, depth: split.depth, name: split.name, required: starred, line: line)
        }

        static func matches(_ pattern: String, in text: String) -> [(range: Range<String.Index>, inner: String)] {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
                return []
            }
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                guard let range = Range(match.range, in: text), let inner = Range(match.range(at: 1), in: text) else {
                    return nil
                }
                return (range, String(text[inner]))
            }
        }

        // MARK: Headings and the endpoint

        mutating func readLine(_ trimmed: String) {
            let line = index + 1
            index += 1
            if let match = PageText.firstMatch(#"^(#{1,6})\s+(.*)$"#, in: trimmed) {
                let text = PageText.clean(match[2])
                if match[1] == "#", page.title == nil {
                    page.title = text
                    page.titleLine = line
                }
                heading = text
                return
            }
            if let match = PageText.firstMatch(#"^\*\*([^*]+)\*\*\s*$"#, in: trimmed) {
                heading = PageText.clean(match[1])
                return
            }
            if page.method == nil, let method = PageText.firstMatch(#"`(GET|POST|PUT|PATCH|DELETE)`"#, in: trimmed)?[1]
            {
                page.method = method
                page.endpointLine = line
                let url =
                    PageText.firstMatch(#"<(https?://[^>\s]+)>"#, in: trimmed)?[1]
                    ?? PageText.firstMatch(#"`(https?://[^`\s]+)`"#, in: trimmed)?[1]
                    ?? PageText.firstMatch(#"(https?://[^\s)>`]+)"#, in: trimmed)?[1]
                page.url = url.map(PageText.decodeEntities)
                page.urlLine = line
            }
        }
    }
}
