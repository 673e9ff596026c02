import Foundation

/// Collects rows and derived results, and prints them as Markdown tables (readable in a terminal,
/// pasteable into Benchmarks/README.md).
final class Report {
    private(set) var rows: [Row] = []
    /// Derived numbers (ratios, growth, percentages): name → text.
    private(set) var derived: [(name: String, value: String)] = []
    /// Target → (met, measured text).
    private(set) var targets: [(name: String, met: Bool, measured: String)] = []

    func add(_ row: Row) {
        rows.append(row)
        // Progress on stderr, so a long run shows it is alive and stdout stays a clean table.
        FileHandle.standardError.write(Data("  \(row.group): \(row.name): \(Self.format(row.median)) \(row.unit)\n".utf8))
    }

    func derive(_ name: String, _ value: String) {
        derived.append((name, value))
    }

    func target(_ name: String, met: Bool, measured: String) {
        targets.append((name, met, measured))
    }

    func row(_ group: String, _ name: String) -> Row? {
        rows.first { $0.group == group && $0.name == name }
    }

    func print(header: String) {
        Swift.print(header)
        Swift.print()
        let titles = ["group", "benchmark", "median", "p10", "p90", "min", "max", "unit", "runs"]
        var table = [titles]
        for row in rows {
            table.append([
                row.group, row.name, Self.format(row.median), Self.format(row.p10), Self.format(row.p90),
                Self.format(row.min), Self.format(row.max), row.unit, row.runs,
            ])
        }
        printTable(table, rightAligned: Set(2...6))
        if !derived.isEmpty {
            Swift.print()
            printTable([["derived", "value"]] + derived.map { [$0.name, $0.value] }, rightAligned: [])
        }
        if !targets.isEmpty {
            Swift.print()
            printTable(
                [["target", "result", "measured"]] + targets.map { [$0.name, $0.met ? "met" : "MISSED", $0.measured] },
                rightAligned: []
            )
        }
    }

    private func printTable(_ table: [[String]], rightAligned: Set<Int>) {
        var widths = Array(repeating: 0, count: table[0].count)
        for line in table {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func render(_ line: [String]) -> String {
            "| " + line.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: " | ") + " |"
        }
        Swift.print(render(table[0]))
        Swift.print("|" + widths.enumerated().map { column, width in
            String(repeating: "-", count: width + 1) + (rightAligned.contains(column) ? ":" : "-")
        }.joined(separator: "|") + "|")
        for line in table.dropFirst() { Swift.print(render(line)) }
    }

    /// Three significant figures or so, without exponent notation.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        switch magnitude {
        case 100...: return String(format: "%.0f", value)
        case 10..<100: return String(format: "%.1f", value)
        case 1..<10: return String(format: "%.2f", value)
        default: return String(format: "%.3f", value)
        }
    }
}
