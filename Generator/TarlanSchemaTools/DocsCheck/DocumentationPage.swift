/// A documentation page as read from either published form, before it is compared with anything.
///
/// Parsers fill it; the comparison never looks at the page text again, so both forms are compared
/// by the same code.
package struct DocumentationPage: Sendable {
    package enum Form: String, Sendable {
        /// The GitBook Markdown source (`.md`): pipe or HTML tables, `{% tabs %}`, red-star marks.
        case markdown
        /// The rendered page as text: one table cell per line, `*` after a required name.
        case plainText
    }

    package var path: String
    package var form: Form
    package var title: String?
    package var titleLine: Int = 1
    package var method: String?
    package var url: String?
    /// The line the URL was read from (rendered text may list it apart from the method).
    package var urlLine: Int?
    package var endpointLine: Int?
    package var tables: [PageTable] = []
    package var examples: [PageExample] = []
    /// Where the page stops when it was cut off; nil when it reads to a proper end.
    package var stop: PageStop?
    /// Something that follows the samples on a whole page was seen after the last JSON sample (the
    /// curl, "Last updated", GitBook's agent footer, the rendered page's link targets): the samples
    /// were all seen, so one missing from them was removed. A page cut cleanly between two samples
    /// has no visible cut, so without this nothing could be reported removed safely.
    package var reachesEnd = false
    package var lineCount: Int

    package init(path: String, form: Form, lineCount: Int) {
        self.path = path
        self.form = form
        self.lineCount = lineCount
    }

    /// True when something on the page is cut off, so absences prove nothing.
    package var isTruncated: Bool { stop != nil }
}

/// Where a cut-off page stops being readable, and what was open there.
package struct PageStop: Sendable, Equatable {
    package var line: Int
    package var reason: String
}

/// One table of the page: a field table, a header table or a code table.
package struct PageTable: Sendable {
    package var heading: String
    package var columns: [String]
    package var rows: [PageRow]
    package var line: Int
    /// The table runs into the end of the page: rows after its last one may be missing.
    package var mayBeCut = false

    package init(heading: String, columns: [String], rows: [PageRow], line: Int) {
        self.heading = heading
        self.columns = columns
        self.rows = rows
        self.line = line
    }

    /// The index of the first column whose name contains one of `words` (case-insensitive).
    package func column(_ words: String...) -> Int? {
        columns.firstIndex { column in words.contains { column.lowercased().contains($0) } }
    }
}

/// A table row, its cells cleaned of markup; the first cell split into depth, name and star.
package struct PageRow: Sendable {
    package var cells: [String]
    /// Leading dashes of the name (`-is_success` is 1: a member of the row above at depth 0).
    package var depth: Int
    package var name: String
    /// Marked with the documentation's (red) star.
    package var required: Bool
    package var line: Int
    /// The last line the row's cells occupy (rendered text puts each cell on its own lines).
    package var endLine: Int
    /// Its end is marked (`</tr>`), so a cut after it leaves it whole.
    package var isClosed = false

    package init(cells: [String], depth: Int, name: String, required: Bool, line: Int, endLine: Int? = nil) {
        self.cells = cells
        self.depth = depth
        self.name = name
        self.required = required
        self.line = line
        self.endLine = endLine ?? line
    }

    package func cell(_ index: Int?) -> String? {
        guard let index, cells.indices.contains(index) else { return nil }
        let cell = cells[index]
        return cell.isEmpty ? nil : cell
    }
}

/// A code sample of the page: a JSON body or a curl command.
package struct PageExample: Sendable {
    package enum Kind: Sendable { case json, curl }
    package var kind: Kind
    /// The tab title, or the heading above the sample.
    package var label: String
    package var text: String
    package var line: Int

    package init(kind: Kind, label: String, text: String, line: Int) {
        self.kind = kind
        self.label = label
        self.text = text
        self.line = line
    }
}

/// A page that cannot be read as documentation, located at the line where reading failed.
package struct PageReadError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var line: Int
    package var message: String

    package init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    package var description: String { "\(path):\(line): error: \(message)" }
}
