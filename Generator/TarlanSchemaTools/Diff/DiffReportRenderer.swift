import TarlanCore
import TarlanGeneratorKit

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
    /// symbol, pointer (`file#/pointer`), change and the two verdicts (and the API checker's,
    /// when it ran), then the API checker's findings.
    package static func markdown(_ report: SchemaDiffReport) -> String {
        var lines = ["## Schema changes", ""]
        guard !report.isEmpty else {
            return (lines + ["No changes."] + apiCheckSection(report)).joined(separator: "\n") + "\n"
        }
        lines.append(summary(report))
        let checked = report.apiCheck != nil
        for (title, breaking) in [("Breaking changes", true), ("Non-breaking changes", false)] {
            let changes = report.changes.filter { $0.breaking == breaking }
            lines += ["", "### \(title)", ""]
            guard !changes.isEmpty else {
                lines.append("None.")
                continue
            }
            lines +=
                checked
                ? ["| Symbol | Where | Change | Swift | Wire | API checker |", "|---|---|---|---|---|---|"]
                : ["| Symbol | Where | Change | Swift | Wire |", "|---|---|---|---|---|"]
            for change in changes {
                let place = "\(change.file)#\(change.pointer)"
                var row =
                    "| \(code(change.symbol)) | \(code(place)) | \(cell(change.message)) "
                    + "| \(verdict(change.swiftBreaking)) | \(verdict(change.wireBreaking)) |"
                if let check = change.apiCheck {
                    row += change.agreesWithAPICheck ? " agrees |" : " **disagrees: \(verdict(check.swiftBreaking))** |"
                }
                lines.append(row)
            }
        }
        return (lines + apiCheckSection(report)).joined(separator: "\n") + "\n"
    }

    static func verdict(_ breaking: Bool) -> String { breaking ? "breaking" : "compatible" }

    /// `**3 changes**: 1 breaking (1 for Swift code, 0 on the wire), 2 non-breaking.`
    static func summary(_ report: SchemaDiffReport) -> String {
        let total = report.changes.count
        let split =
            report.breakingCount == 0
            ? "" : " (\(report.swiftBreakingCount) for Swift code, \(report.wireBreakingCount) on the wire)"
        return "**\(total) change\(total == 1 ? "" : "s")**: \(report.breakingCount) breaking\(split), "
            + "\(report.nonBreakingCount) non-breaking."
    }

    /// What `swift-api-digester` reported, each line with the change it belongs to.
    static func apiCheckSection(_ report: SchemaDiffReport) -> [String] {
        guard let check = report.apiCheck else { return [] }
        let disagreements = report.apiCheckDisagreements
        var lines = [
            "", "### Swift API checker", "",
            "`swift-api-digester` on the module generated from each side: \(check.findings.count) "
                + "finding\(check.findings.count == 1 ? "" : "s"), "
                + (disagreements == 0
                    ? "no disagreement." : "**\(disagreements) disagreement\(disagreements == 1 ? "" : "s")**."),
        ]
        let attributed = report.changes.filter { !($0.apiCheck?.findings.isEmpty ?? true) }
        if !attributed.isEmpty { lines.append("") }
        for change in attributed {
            for finding in change.apiCheck?.findings ?? [] {
                let note = finding.note.map { " (\(cell($0)))" } ?? ""
                lines.append("* \(code(change.symbol)): \(cell(finding.text))\(note)")
            }
        }
        if !check.unattributed.isEmpty {
            lines += ["", "Not accounted for by any change:", ""]
            lines += check.unattributed.map { "* \(cell($0.text))" }
        }
        return lines
    }

    /// `{"counts": {…}, "changes": [{kind, breaking, swiftBreaking, wireBreaking, subject, pointer,
    /// file, symbol, message[, apiCheck]}, …][, "apiCheck": {…}]}`, keys always in this order,
    /// two-space indentation, one trailing newline.
    package static func json(_ report: SchemaDiffReport) -> String {
        func string(_ text: String) -> String { CanonicalJSON.string(.string(text)) }
        func strings(_ texts: [String]) -> String { "[" + texts.map(string).joined(separator: ", ") + "]" }
        var lines = [
            "{",
            "  \"counts\": {",
            "    \"breaking\": \(report.breakingCount),",
            "    \"swiftBreaking\": \(report.swiftBreakingCount),",
            "    \"wireBreaking\": \(report.wireBreakingCount),",
            "    \"nonBreaking\": \(report.nonBreakingCount),",
            "    \"total\": \(report.changes.count)",
            "  },",
        ]
        let trailer = report.apiCheck == nil ? "" : ","
        if report.isEmpty {
            lines.append("  \"changes\": []" + trailer)
        } else {
            lines.append("  \"changes\": [")
            for (index, change) in report.changes.enumerated() {
                lines += [
                    "    {",
                    "      \"kind\": \(string(change.kind.rawValue)),",
                    "      \"breaking\": \(change.breaking),",
                    "      \"swiftBreaking\": \(change.swiftBreaking),",
                    "      \"wireBreaking\": \(change.wireBreaking),",
                    "      \"subject\": \(string(change.subject.description)),",
                    "      \"pointer\": \(string(change.pointer)),",
                    "      \"file\": \(string(change.file)),",
                    "      \"symbol\": \(string(change.symbol)),",
                    "      \"message\": \(string(change.message))" + (change.apiCheck == nil ? "" : ","),
                ]
                if let check = change.apiCheck {
                    lines += [
                        "      \"apiCheck\": {",
                        "        \"swiftBreaking\": \(check.swiftBreaking),",
                        "        \"agrees\": \(change.agreesWithAPICheck),",
                        "        \"findings\": \(strings(check.findings.map(\.text)))",
                        "      }",
                    ]
                }
                lines.append(index == report.changes.count - 1 ? "    }" : "    },")
            }
            lines.append("  ]" + trailer)
        }
        if let check = report.apiCheck {
            lines += [
                "  \"apiCheck\": {",
                "    \"disagreements\": \(report.apiCheckDisagreements),",
                "    \"findings\": [",
            ]
            for (index, finding) in check.findings.enumerated() {
                let note = finding.note.map { ", \"note\": \(string($0))" } ?? ""
                lines.append(
                    "      {\"category\": \(string(finding.category)), \"text\": \(string(finding.text)), "
                        + "\"breaksSource\": \(finding.breaksSource)\(note)}"
                        + (index == check.findings.count - 1 ? "" : ",")
                )
            }
            lines += [
                "    ],",
                "    \"unattributed\": \(strings(check.unattributed.map(\.text)))",
                "  }",
            ]
        }
        lines.append("}")
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
