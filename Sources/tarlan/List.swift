import TarlanPayments

/// `tarlan list`: one line per operation, as `tarlan call` names it.
/// `tarlan list --markdown`: the README's table of operations (a test keeps the README in step).
enum List {
    static func run(markdown: Bool) {
        if markdown {
            print("| operation | method | path | section | documentation |")
            print("|---|---|---|---|---|")
            for operation in TarlanOperations.all {
                let link = operation.documentation.map { "[\(operation.summary)](\($0))" } ?? operation.summary
                print("| `\(operation.id)` | \(operation.method.rawValue) | `\(operation.path)` | \(operation.section.name) | \(link) |")
            }
            return
        }
        let rows = TarlanOperations.all.map { [$0.id, $0.method.rawValue, $0.path, $0.section.name] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let padded = (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            print((padded + [row[3]]).joined(separator: "  "))
        }
    }
}
