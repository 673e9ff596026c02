/// Reads a page as the documentation renders it to text: the site's navigation first (skipped),
/// the title, `POST` alone or with its URL, each table as its column names on consecutive lines
/// followed by one cell per paragraph (`agent*`: starred), JSON samples and curl commands as text.
///
/// Rendering drops link-only cells (X-Signature's "Authorization hash", a description that was a
/// link), so rows are told apart by their shape, not by counting cells.
enum PlainTextPageParser {
    static func parse(_ lines: [String], path: String) -> DocumentationPage {
        var reader = Reader(lines: lines, page: DocumentationPage(path: path, form: .plainText, lineCount: lines.count))
        reader.run()
        return reader.page
    }

    private struct Cell {
        var text: String
        var line: Int
        /// Where the paragraph after this cell starts.
        var next: Int
    }

    private struct Reader {
        let lines: [String]
        var page: DocumentationPage
        var heading = ""
        var index = 0
        /// A bare API URL (the rendered page lists link targets at its end).
        var bareURL: (url: String, line: Int)?

        init(lines: [String], page: DocumentationPage) {
            self.lines = lines
            self.page = page
        }

        func trimmed(_ index: Int) -> String { lines[index].trimmingCharacters(in: .whitespaces) }
        func isBlank(_ index: Int) -> Bool { trimmed(index).isEmpty }

        mutating func run() {
            // The rendered page lists its link targets at the end, the endpoint's URL among them.
            if let line = lines.firstIndex(where: {
                $0.trimmingCharacters(in: .whitespaces).range(
                    of: #"^https?://\S+/api/\S*$"#, options: .regularExpression) != nil
            }) {
                bareURL = (lines[line].trimmingCharacters(in: .whitespaces), line + 1)
            }
            skipNavigation()
            while index < lines.count, page.stop == nil {
                let text = trimmed(index)
                if text.isEmpty {
                    index += 1
                } else if page.title == nil {
                    page.title = text
                    page.titleLine = index + 1
                    index += 1
                } else if Self.startsJSON(text) {
                    readJSON()
                } else if text.hasPrefix("curl ") {
                    readCurl()
                } else if readEndpoint(text) {
                    index += 1
                } else {
                    readParagraph()
                }
            }
            if page.url == nil, page.method != nil, let bareURL {
                page.url = bareURL.url
                page.urlLine = bareURL.line
            }
        }

        /// The site navigation of a full rendered page ends with "Powered by GitBook", "On this page"
        /// and the breadcrumb (`1. AGWS`).
        mutating func skipNavigation() {
            guard
                let powered = lines.firstIndex(where: {
                    $0.trimmingCharacters(in: .whitespaces) == "Powered by GitBook"
                })
            else {
                return
            }
            index = powered + 1
            while index < lines.count {
                let text = trimmed(index)
                if text.isEmpty || text == "On this page"
                    || text.range(of: #"^\d+\.\s"#, options: .regularExpression) != nil
                {
                    index += 1
                } else {
                    break
                }
            }
        }

        mutating func readEndpoint(_ text: String) -> Bool {
            if let match = PageText.firstMatch(#"^(GET|POST|PUT|PATCH|DELETE)(\s+(https?://\S+))?$"#, in: text),
                page.method == nil
            {
                page.method = match[1]
                page.endpointLine = index + 1
                if !match[3].isEmpty {
                    page.url = match[3]
                    page.urlLine = index + 1
                }
                return true
            }
            if text.range(of: #"^https?://\S+/api/\S*$"#, options: .regularExpression) != nil { return true }
            return false
        }

        // MARK: Samples

        /// A JSON sample runs until its brackets balance (strings respected).
        mutating func readJSON() {
            let start = index
            var depth = 0
            var inString = false
            var escaped = false
            var end = start
            scan: while end < lines.count {
                for character in lines[end] {
                    if inString {
                        if escaped {
                            escaped = false
                        } else if character == "\\" {
                            escaped = true
                        } else if character == "\"" {
                            inString = false
                        }
                    } else if character == "\"" {
                        inString = true
                    } else if character == "{" || character == "[" {
                        depth += 1
                    } else if character == "}" || character == "]" {
                        depth -= 1
                        if depth <= 0 { break scan }
                    }
                }
                inString = false
                end += 1
            }
            guard end < lines.count else {
                page.stop = PageStop(
                    line: start + 1, reason: "the JSON sample starting at line \(start + 1) is cut off")
                return
            }
            let text = lines[start...end].joined(separator: "\n")
            page.examples.append(PageExample(kind: .json, label: heading, text: text, line: start + 1))
            index = end + 1
        }

        /// A curl command runs while its lines end with `\` or a quote is open.
        mutating func readCurl() {
            let start = index
            var end = start
            var openQuote: Character?
            while end < lines.count {
                for character in lines[end] {
                    if let quote = openQuote {
                        if character == quote { openQuote = nil }
                    } else if character == "'" || character == "\"" {
                        openQuote = character
                    }
                }
                if openQuote == nil, !lines[end].trimmingCharacters(in: .whitespaces).hasSuffix("\\") { break }
                end += 1
            }
            guard end < lines.count else {
                page.stop = PageStop(
                    line: start + 1, reason: "the curl command starting at line \(start + 1) is cut off")
                return
            }
            let text = lines[start...end].joined(separator: "\n")
            page.examples.append(PageExample(kind: .curl, label: heading, text: text, line: start + 1))
            index = end + 1
        }

        // MARK: Paragraphs and tables

        /// Consecutive non-blank lines from `start`, stopping before a sample.
        func paragraph(at start: Int) -> (lines: [String], next: Int) {
            var end = start
            var texts: [String] = []
            while end < lines.count, !isBlank(end) {
                let text = trimmed(end)
                if end > start, Self.startsJSON(text) || text.hasPrefix("curl ") { break }
                texts.append(text)
                end += 1
            }
            return (texts, end)
        }

        func isSampleOrEndpoint(_ start: Int) -> Bool {
            let text = trimmed(start)
            return Self.startsJSON(text) || text.hasPrefix("curl ")
                || PageText.firstMatch(#"^(GET|POST|PUT|PATCH|DELETE)(\s+https?://\S+)?$"#, in: text) != nil
        }

        /// `{`, `[` alone or followed by what JSON has there (`{"status"`, `[{`); not prose like `[here]`.
        static func startsJSON(_ text: String) -> Bool {
            guard let first = text.first, first == "{" || first == "[" else { return false }
            guard let next = text.dropFirst().first(where: { !$0.isWhitespace }) else { return true }
            return "\"{}[]".contains(next) || (first == "[" && (next.isNumber || next == "-"))
        }

        /// Column names on consecutive lines: `Name` / `Type` / `Description`, `Code` / `Text message` / ….
        static func isTableHeader(_ paragraph: [String]) -> Bool {
            let firstColumns: Set<String> = ["name", "code", "parameter", "field", "key", "status", "header"]
            guard paragraph.count >= 2, let first = paragraph.first, firstColumns.contains(first.lowercased()) else {
                return false
            }
            return paragraph.allSatisfy { $0.count <= 40 && !$0.hasSuffix(":") && !$0.hasSuffix(".") }
        }

        mutating func readParagraph() {
            let (texts, next) = paragraph(at: index)
            if Self.isTableHeader(texts) {
                readTable(columns: texts, line: index + 1, cellsFrom: next)
            } else {
                let text = texts.joined(separator: " ")
                if text.count <= 120 { heading = text }
                index = next
            }
        }

        mutating func readTable(columns: [String], line: Int, cellsFrom start: Int) {
            var cells: [Cell] = []
            var position = start
            var reachedEnd = false
            var stoppedAtHeader = false
            while true {
                while position < lines.count, isBlank(position) { position += 1 }
                guard position < lines.count else {
                    reachedEnd = true
                    break
                }
                if isSampleOrEndpoint(position) { break }
                let (texts, next) = paragraph(at: position)
                if Self.isTableHeader(texts) {
                    stoppedAtHeader = true
                    break
                }
                cells.append(Cell(text: texts.joined(separator: " "), line: position + 1, next: next))
                position = next
            }
            // The paragraph right before the next table's column names is that table's caption.
            var caption: String?
            if stoppedAtHeader, cells.count > 1 { caption = cells.removeLast().text }

            let (rows, consumed) = Self.rows(from: cells, columns: columns)
            var table = PageTable(heading: heading, columns: columns, rows: rows, line: line)
            if reachedEnd {
                table.mayBeCut = true
                page.stop = PageStop(
                    line: lines.count, reason: "the page ends inside or right after the table at line \(line)")
            }
            page.tables.append(table)
            if consumed < cells.count {
                index = cells[consumed].line - 1
            } else {
                index = position
                if let caption { heading = caption }
            }
        }

        /// Rows by shape; returns the rows and how many cells they used (the rest is ordinary text).
        private static func rows(from cells: [Cell], columns: [String]) -> ([PageRow], Int) {
            let lowered = columns.map { $0.lowercased() }
            if lowered.contains("type") { return typedRows(cells, columns: columns.count) }
            if lowered.first == "code" || lowered.first == "status" { return codeRows(cells, columns: columns.count) }
            return keyValueRows(cells)
        }

        private static func makeRow(_ cells: ArraySlice<Cell>) -> PageRow {
            let split = PageText.splitName(cells.first?.text ?? "")
            return PageRow(
                cells: cells.map(\.text), depth: split.depth, name: split.name, required: split.starred,
                line: cells.first?.line ?? 0, endLine: cells.last?.next ?? 0
            )
        }

        private static func isType(_ cells: [Cell], _ index: Int) -> Bool {
            index < cells.count && PageText.typeKind(cells[index].text) != nil
        }

        /// Name, type, then up to the remaining columns, any of them possibly dropped by rendering.
        private static func typedRows(_ cells: [Cell], columns: Int) -> ([PageRow], Int) {
            var rows: [PageRow] = []
            var index = 0
            while index + 1 < cells.count, PageText.isName(cells[index].text), isType(cells, index + 1) {
                var next = index + 2
                while next < cells.count, next - index < columns {
                    if PageText.isName(cells[next].text), isType(cells, next + 1) { break }
                    next += 1
                }
                rows.append(makeRow(cells[index..<next]))
                index = next
            }
            return (rows, index)
        }

        /// Code tables are complete rows: a code and one cell per remaining column.
        private static func codeRows(_ cells: [Cell], columns: Int) -> ([PageRow], Int) {
            var rows: [PageRow] = []
            var index = 0
            func isCode(_ text: String) -> Bool {
                text.range(of: #"^-?[\w.]{1,24}$"#, options: .regularExpression) != nil
            }
            while index + columns <= cells.count, isCode(cells[index].text) {
                rows.append(makeRow(cells[index..<(index + columns)]))
                index += columns
            }
            return (rows, index)
        }

        /// Captions of the page's sections, never header names.
        private static let captions: Set<String> = [
            "body", "response", "headers", "header", "query parameters", "request", "request body", "name",
            "parameters", "path parameters", "examples",
        ]

        /// Header tables: a header name, then its value unless rendering dropped it (a link).
        private static func keyValueRows(_ cells: [Cell]) -> ([PageRow], Int) {
            var rows: [PageRow] = []
            var index = 0
            while index < cells.count, PageText.isName(cells[index].text),
                !captions.contains(cells[index].text.lowercased())
            {
                let count = index + 1 < cells.count && !PageText.isName(cells[index + 1].text) ? 2 : 1
                rows.append(makeRow(cells[index..<(index + count)]))
                index += count
            }
            return (rows, index)
        }
    }
}
