import TarlanGeneratorKit
import TarlanCore

/// Renders a ``SchemaDiffReport`` as Markdown (for a pull request) or JSON (for tools).
package enum DiffReportRenderer {
    package enum Format: String, Sendable, CaseIterable {
        case markdown
        case json
    }

    package static func render(_ report: SchemaDiffReport, as format: Format) -> String {
        switch format {
        case .markdown: markdown(report)
        case .json: json(report)
        }
    }

    /// A summary line, then "Breaking changes" and "Non-breaking changes", each a table of
    /// symbol, pointer (`file#/pointer`) and change.
    package static func markdown(_ report: SchemaDiffReport) -> String {
        var lines = ["## Schema changes", ""]
        guard !report.isEmpty else { return (lines + ["No changes."]).joined(separator: "\n") + "\n" }
        lines.append(summary(report))
        for (title, breaking) in [("Breaking changes", true), ("Non-breaking changes", false)] {
            let changes = report.changes.filter { $0.breaking == breaking }
            lines += ["", "### \(title)", ""]
            guard !changes.isEmpty else {
                lines.append("None.")
                continue
            }
            lines += ["| Symbol | Where | Change |", "|---|---|---|"]
            for change in changes {
                let place = "\(change.file)#\(change.pointer)"
                lines.append("| \(code(change.symbol)) | \(code(place)) | \(cell(change.message)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `**3 changes**: 1 breaking, 2 non-breaking.`
    static func summary(_ report: SchemaDiffReport) -> String {
        let total = report.changes.count
        return "**\(total) change\(total == 1 ? "" : "s")**: \(report.breakingCount) breaking, \(report.nonBreakingCount) non-breaking."
    }

    /// `{"counts": {…}, "changes": [{kind, breaking, subject, pointer, file, symbol, message}, …]}`,
    /// keys always in this order, two-space indentation, one trailing newline.
    package static func json(_ report: SchemaDiffReport) -> String {
        func string(_ text: String) -> String { CanonicalJSON.string(.string(text)) }
        var lines = [
            "{",
            "  \"counts\": {",
            "    \"breaking\": \(report.breakingCount),",
            "    \"nonBreaking\": \(report.nonBreakingCount),",
            "    \"total\": \(report.changes.count)",
            "  },",
        ]
        guard !report.isEmpty else { return (lines + ["  \"changes\": []", "}"]).joined(separator: "\n") + "\n" }
        lines.append("  \"changes\": [")
        for (index, change) in report.changes.enumerated() {
            lines += [
                "    {",
                "      \"kind\": \(string(change.kind.rawValue)),",
                "      \"breaking\": \(change.breaking),",
                "      \"subject\": \(string(change.subject.description)),",
                "      \"pointer\": \(string(change.pointer)),",
                "      \"file\": \(string(change.file)),",
                "      \"symbol\": \(string(change.symbol)),",
                "      \"message\": \(string(change.message))",
                index == report.changes.count - 1 ? "    }" : "    },",
            ]
        }
        lines += ["  ]", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Inline code that survives any backticks inside it.
    static func code(_ text: String) -> String {
        let fence = text.contains("`") ? "`` " : "`"
        let closing = text.contains("`") ? " ``" : "`"
        return fence + cell(text) + closing
    }

    /// Text safe inside a table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "|" {
                escaped += "\\|"
            } else if character.isNewline {
                escaped += " "
            } else {
                escaped.append(character)
            }
        }
        return escaped
    }
}
