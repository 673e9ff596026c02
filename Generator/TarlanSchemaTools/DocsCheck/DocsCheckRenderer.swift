import TarlanCore

/// Renders a ``DocsCheckReport``: Markdown for people (a section per page), JSON for tools
/// (`{"findings": [...], "pages": [...]}`).
package enum DocsCheckRenderer {
    package enum Format: String, Sendable, CaseIterable {
        case markdown
        case json
    }

    package static func render(_ report: DocsCheckReport, as format: Format) -> String {
        switch format {
        case .markdown: markdown(report)
        case .json: JSONPrettyPrinter.string(json(report)) + "\n"
        }
    }

    package static func json(_ report: DocsCheckReport) -> JSONValue {
        .object([
            "findings": .array(
                report.findings.map { finding in
                    .object([
                        "page": .string(finding.page),
                        "operation": .string(finding.operation),
                        "kind": .string(finding.kind.rawValue),
                        "field": finding.field.map(JSONValue.string) ?? .null,
                        "pointer": .string(finding.pointer),
                        "message": .string(finding.message),
                    ])
                }),
            "pages": .array(
                report.pages.map { page in
                    .object([
                        "page": .string(page.page),
                        "form": .string(page.form.rawValue),
                        "operation": .string(page.subject.name),
                        "matchedBy": page.matchedBy.map(JSONValue.string) ?? .null,
                        "compared": .array(page.compared.map(JSONValue.string)),
                        "stoppedAt": page.stop.map {
                            .object(["line": .number(JSONNumber($0.line)), "reason": .string($0.reason)])
                        }
                            ?? .null,
                    ])
                }),
        ])
    }

    package static func markdown(_ report: DocsCheckReport) -> String {
        var lines = ["## Documentation check", ""]
        let count = report.findings.count
        lines.append(
            count == 0
                ? "No drift: every page agrees with the schema." : "**\(count) finding\(count == 1 ? "" : "s")**.")
        for page in report.pages {
            lines += ["", "### \(page.page)", ""]
            lines.append(
                "\(describe(page.subject))\(page.matchedBy.map { ", matched by \($0)" } ?? "") (\(formName(page.form)))."
            )
            if !page.compared.isEmpty { lines.append("Compared: \(page.compared.joined(separator: ", ")).") }
            if let stop = page.stop {
                lines.append(
                    "**Cut off:** stopped at line \(stop.line) (\(stop.reason)); nothing after it is reported missing."
                )
            }
            lines.append("")
            guard !page.findings.isEmpty else {
                lines.append("No drift.")
                continue
            }
            lines += ["| Kind | Field | Schema pointer | Finding |", "|---|---|---|---|"]
            for finding in page.findings {
                lines.append(
                    "| \(finding.kind.rawValue) | \(finding.field.map { "`\(cell($0))`" } ?? "") | `\(cell(finding.pointer))` | "
                        + "\(cell(finding.message)) |"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ subject: PageCheck.Subject) -> String {
        switch subject {
        case .operation(let id): "Operation `\(id)`"
        case .callback(let id): "Callback `\(id)`"
        case .enumeration(let name): "Enum `\(name)`"
        case .unmodelled(let section, let id): "Recorded as unmodelled (`\(section)` `\(id)`)"
        case .new(let id): "Not in the schema (suggested id `\(id)`)"
        }
    }

    private static func formName(_ form: DocumentationPage.Form) -> String {
        form == .markdown ? "GitBook Markdown" : "rendered text"
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
