import TarlanPayments

/// `tarlan list`: one line per operation, as `tarlan call` names it, then one per callback, as
/// `tarlan verify-callback` names it.
/// `tarlan list --markdown`: the README's table of both (a test keeps the README in step).
enum List {
    private struct Row {
        var name: String
        var method: String
        var path: String
        var section: String
        var summary: String
        var documentation: String?
        var isCallback: Bool
    }

    private static var rows: [Row] {
        TarlanOperations.all.map { operation in
            Row(
                name: operation.id, method: operation.method.rawValue, path: operation.path,
                section: operation.section.name,
                summary: operation.summary, documentation: operation.documentation, isCallback: false)
        }
            + TarlanCallbacks.all.map { callback in
                Row(
                    name: callback.id, method: callback.method.rawValue, path: "(callback to your endpoint)",
                    section: callback.section.name, summary: callback.summary, documentation: callback.documentation,
                    isCallback: true)
            }
    }

    static func run(markdown: Bool) {
        if markdown {
            print("| operation | method | path | section | documentation |")
            print("|---|---|---|---|---|")
            for row in rows {
                let link = row.documentation.map { "[\(row.summary)](\($0))" } ?? row.summary
                let name = "`\(row.name)`" + (row.isCallback ? " (callback)" : "")
                let path = row.isCallback ? "to your endpoint" : "`\(row.path)`"
                print("| \(name) | \(row.method) | \(path) | \(row.section) | \(link) |")
            }
            return
        }
        let table = rows.map { [$0.name, $0.method, $0.path, $0.section] }
        let widths = (0..<3).map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            let padded = (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            print((padded + [row[3]]).joined(separator: "  "))
        }
    }
}
