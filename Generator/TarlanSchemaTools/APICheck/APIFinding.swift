import Foundation

/// One line of `swift-api-digester -diagnose-sdk`, e.g.
/// `Var CheckBalanceResult.balance has declared type change from Decimal? to Decimal` (section "Type Changes").
package struct APIFinding: Hashable, Sendable {
    /// The report section the line is in: "Removed Decls", "Type Changes", "Others", …
    package var category: String
    /// The whole line.
    package var text: String
    /// `Var`, `Func`, `Constructor`, `Accessor`, `EnumElement`, `Struct`, …
    package var declarationKind: String
    /// `CheckBalanceResult.balance`, `DemoClient.ping(_:options:)`; an accessor names its property.
    package var symbol: String
    /// Whether code using the module stops compiling. The digester reports an initialiser or method
    /// that gained parameters with defaults as the old one removed; such a line stays in the
    /// report with the reason it is compatible.
    package var breaksSource: Bool = true
    /// Why a line does not break source, when it does not.
    package var note: String?

    package init(category: String, text: String, declarationKind: String, symbol: String) {
        self.category = category
        self.text = text
        self.declarationKind = declarationKind
        self.symbol = symbol
    }

    /// The findings in `-diagnose-sdk` output: every non-empty line outside the `/* Section */` headers.
    package static func parse(_ output: String) -> [APIFinding] {
        var category = ""
        var findings: [APIFinding] = []
        for line in output.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("/*") {
                category = line.dropFirst(2).dropLast(line.hasSuffix("*/") ? 2 : 0).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard !line.isEmpty else { continue }
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            let symbol = words.count > 1 ? accessorOwner(words[1]) : ""
            findings.append(
                APIFinding(category: category, text: line, declarationKind: words.first ?? "", symbol: symbol))
        }
        return findings
    }

    /// `CheckBalanceResult.balance.Get()` → `CheckBalanceResult.balance`: an accessor's change is its property's.
    static func accessorOwner(_ symbol: String) -> String {
        for accessor in [".Get()", ".Set()", ".Modify()", ".Read()", ".Yield()", ".DidSet()", ".WillSet()"]
        where symbol.hasSuffix(accessor) {
            return String(symbol.dropLast(accessor.count))
        }
        return symbol
    }

    /// `DemoClient.ping(_:options:)` → (`DemoClient`, `ping(_:options:)`); dots inside the parentheses do not split.
    static func splitMember(_ symbol: String) -> (owner: String, member: String) {
        var depth = 0
        var lastDot: String.Index?
        for index in symbol.indices {
            switch symbol[index] {
            case "(": depth += 1
            case ")": depth -= 1
            case "." where depth == 0: lastDot = index
            default: break
            }
        }
        guard let lastDot else { return ("", symbol) }
        return (String(symbol[..<lastDot]), String(symbol[symbol.index(after: lastDot)...]))
    }

    /// The top-level type a symbol belongs to: `AGWSClient` of `AGWSClient.Environment.sandbox`.
    static func topLevelType(_ symbol: String) -> String {
        let owner = splitMember(symbol).owner
        let path = owner.isEmpty ? symbol : owner
        return String(path.prefix { $0 != "." && $0 != "(" })
    }
}

/// What Swift's API checker said of one change of the report.
package struct APICheckVerdict: Hashable, Sendable {
    /// True when a finding attributed to the change breaks source.
    package var swiftBreaking: Bool
    /// The digester's lines attributed to the change, including the compatible ones.
    package var findings: [APIFinding]
}

/// Swift's API checker on the module generated from each side.
package struct APICheckSummary: Hashable, Sendable {
    /// Every line the digester printed, in its order.
    package var findings: [APIFinding]
    /// Breaking lines no change of the report accounts for: the classifier missed something.
    package var unattributed: [APIFinding]

    package init(findings: [APIFinding], unattributed: [APIFinding]) {
        self.findings = findings
        self.unattributed = unattributed
    }
}
