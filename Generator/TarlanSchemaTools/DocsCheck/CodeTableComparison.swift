import TarlanCore
import TarlanGeneratorKit

/// Rows of a code table (error codes, statuses) against the enum the page documents: a code the
/// enum lacks, or a case whose message or HTTP status differs. Codes the page does not show are
/// never reported: reference pages are often cut, and an enum keeps codes older versions listed.
extension PageComparison {
    mutating func compareCodeTable(_ table: PageTable, enumeration: EnumDefinition) {
        let messageColumn = table.column("message", "text")
        let httpColumn = table.column("http")
        let notes = [enumeration.quirk]
        compared.append("\(table.rows.count) codes")
        for row in table.rows {
            let code = row.cells.first ?? ""
            let value: JSONValue? =
                enumeration.rawType == .integer
                ? Int(code).map { .number(JSONNumber($0)) }
                : .string(code)
            let match = enumeration.cases.values.sorted { $0.name < $1.name }.first { $0.value == value }
            guard let match else {
                report(
                    .codeChanged, field: code, pointer: "/enums/\(enumeration.name)/cases", line: row.line,
                    "the page lists \(code)\(row.cell(messageColumn).map { " (\"\($0)\")" } ?? ""); "
                        + "\(enumeration.name) has no case with this value"
                )
                continue
            }
            let pointer = "/enums/\(enumeration.name)/cases/\(Self.escape(match.name))"
            if let message = row.cell(messageColumn), let expected = match.message, message != expected,
                !Self.recorded(message, in: notes + [match.quirk])
            {
                report(
                    .codeChanged, field: code, pointer: pointer + "/message", line: row.line,
                    "\(code)'s message is \"\(message)\" on the page; the schema has \"\(expected)\""
                )
            }
            if let http = row.cell(httpColumn).flatMap({ Int($0) }), let expected = match.httpStatus, http != expected,
                !Self.recorded(String(http), in: notes + [match.quirk])
            {
                report(
                    .codeChanged, field: code, pointer: pointer + "/httpStatus", line: row.line,
                    "\(code) comes with HTTP \(http) on the page; the schema has \(expected)"
                )
            }
        }
    }
}
