import TarlanCore
import TarlanGeneratorKit

/// `check-docs`: documentation pages against the schema.
///
/// Each page is matched to what it documents (``PageMatcher``), then its endpoint, headers, field
/// tables, code tables and samples are compared with the schema. What the schema already records
/// (`documentedType`, `aliases`, quirks and other notes that name what the page shows, examples
/// kept `asDocumented`) is not drift. A cut-off page is compared as far as it goes: nothing after
/// the cut is reported missing.
package enum DocsCheck {
    /// The report of the pages that could be read as documentation, and the located errors of
    /// those that could not.
    package static func check(
        _ pages: [DocumentationPage], against schema: APISchema
    ) -> (report: DocsCheckReport, unreadable: [PageReadError]) {
        var checks: [PageCheck] = []
        var unreadable: [PageReadError] = []
        for page in pages {
            do throws(PageReadError) {
                checks.append(try check(page, against: schema))
            } catch {
                unreadable.append(error)
            }
        }
        return (DocsCheckReport(pages: checks), unreadable)
    }

    /// Throws for a page with nothing to compare that is not even titled like something in the schema.
    package static func check(_ page: DocumentationPage, against schema: APISchema) throws(PageReadError) -> PageCheck {
        var page = page
        let (subject, matchedBy) = PageMatcher.subject(of: page, in: schema)
        if page.method == nil, page.tables.isEmpty, page.examples.isEmpty {
            if matchedBy == nil, page.form == .plainText, page.title == "Tarlanpayments" || page.title == "Eng" {
                throw PageReadError(
                    path: page.path, line: page.lineCount,
                    message: "the page ends inside the site navigation: nothing of the page itself is visible"
                )
            }
            guard matchedBy != nil else {
                throw PageReadError(
                    path: page.path, line: page.titleLine,
                    message:
                        "no endpoint line, table or JSON example, and no title the schema knows: not an API reference page"
                        + (page.form == .markdown ? " (read as GitBook Markdown)" : " (read as rendered text)")
                )
            }
            // Titled like a known page but nothing else: the page was cut before its content.
            if page.stop == nil {
                page.stop = PageStop(
                    line: page.lineCount, reason: "the page ends before its endpoint, tables or samples")
            }
        }
        var comparison = PageComparison(page: page, schema: schema, subject: subject.name)
        switch subject {
        case .operation(let id):
            if let operation = schema.operations[id] { comparison.compare(operation) }
        case .callback(let id):
            if let callback = schema.callbacks[id] { comparison.compare(callback) }
        case .enumeration(let name):
            if let enumeration = schema.enums[name] {
                for table in page.tables where TableRole(table) == .codes {
                    comparison.compareCodeTable(table, enumeration: enumeration)
                }
            }
        case .unmodelled:
            comparison.compared.append("recorded as unmodelled")
        case .new(let id):
            let endpoint = [page.method, page.url].compactMap { $0 }.joined(separator: " ")
            comparison.report(
                .newOperation, field: nil, pointer: "/operations/\(id)", line: page.endpointLine ?? page.titleLine,
                "the page documents \(endpoint.isEmpty ? "\"\(page.title ?? page.path)\"" : endpoint), which the schema lacks "
                    + "(--draft prints a schema fragment for it)"
            )
        }
        return PageCheck(
            page: page.path, form: page.form, subject: subject, matchedBy: matchedBy, stop: page.stop,
            findings: comparison.findings, compared: comparison.compared
        )
    }
}

/// What a table documents, from its caption and columns.
enum TableRole: Equatable {
    case headers, request, response, codes, other

    init(_ table: PageTable) {
        let heading = table.heading.lowercased()
        let columns = table.columns.map { $0.lowercased() }
        if columns.first == "code", !columns.contains("type") {
            self = .codes
        } else if heading.contains("header") {
            self = .headers
        } else if heading.contains("response") || heading.contains("result") {
            self = .response
        } else if ["body", "query", "request", "parameter"].contains(where: heading.contains) {
            self = .request
        } else {
            self = .other
        }
    }
}

extension PageComparison {
    mutating func compare(_ operation: Operation) {
        compareEndpoint(operation)
        for table in page.tables {
            switch TableRole(table) {
            case .headers:
                compareHeaders(table, section: operation.section, quirks: operation.quirks)
            case .request:
                compared.append("\(table.rows.count) request fields")
                compareFieldTable(table, model: operation.requestModel, isResponse: false)
            case .response:
                guard let result = Self.referencedModel(operation.result, in: schema) else { continue }
                compared.append("\(table.rows.count) response fields")
                compareFieldTable(table, model: result, isResponse: true)
            case .codes, .other:
                continue
            }
        }
        compareExamples(
            operation.examples, pointer: "/operations/\(operation.id)/examples",
            queryRequest: operation.requestPlacement == .query
        )
    }

    /// A callback page's field tables describe the payload (the AGWS page captions it "Response"),
    /// so every field table is compared with the payload model.
    mutating func compare(_ callback: Callback) {
        let line = page.endpointLine ?? page.titleLine
        if let method = page.method, method != callback.method.rawValue {
            report(
                .methodChanged, field: nil, pointer: "/callbacks/\(callback.id)/method", line: line,
                "the page documents \(method); the schema has \(callback.method.rawValue)"
            )
        }
        let fieldTables = page.tables.filter { [.request, .response].contains(TableRole($0)) }
        // The table sharing most names with the payload is the payload's (another may be copied from elsewhere).
        let payload = schema.models[callback.payloadModel]
        let best = fieldTables.max { lhs, rhs in
            let overlap = { (table: PageTable) in table.rows.filter { payload?.fields[$0.name] != nil }.count }
            return overlap(lhs) < overlap(rhs)
        }
        if let best {
            compared.append("\(best.rows.count) payload fields")
            compareFieldTable(best, model: callback.payloadModel, isResponse: false)
        }
        for table in page.tables where TableRole(table) == .headers {
            compareHeaders(table, section: callback.section, quirks: callback.quirks)
        }
        compareExamples(callback.examples, pointer: "/callbacks/\(callback.id)/examples", queryRequest: false)
    }
}
