/// Attaches the digester's findings to the changes of a report.
///
/// A finding belongs to the changes that name its symbol, or a symbol it is a member of
/// (`PingResult.balance` for `Var PingResult.balance`, `PingResult` for `Struct PingResult`).
/// Failing that, to the changes about the same top-level type (an initialiser changed by a field
/// change), preferring those the classifier calls swift-breaking; findings on
/// `TarlanAPIError.<section>Code` belong to error-code table, client and section changes. What is left is unattributed.
enum APICheckAttribution {
    static func apply(_ findings: [APIFinding], to report: SchemaDiffReport) -> SchemaDiffReport {
        var changes = report.changes
        var attributed = Array(repeating: [APIFinding](), count: changes.count)
        var unattributed: [APIFinding] = []
        for finding in findings {
            let owners = owners(of: finding, in: changes)
            if owners.isEmpty {
                if finding.breaksSource { unattributed.append(finding) }
                continue
            }
            for index in owners { attributed[index].append(finding) }
        }
        for index in changes.indices {
            changes[index].apiCheck = APICheckVerdict(
                swiftBreaking: attributed[index].contains { $0.breaksSource }, findings: attributed[index]
            )
        }
        return SchemaDiffReport(
            changes: changes, apiCheck: APICheckSummary(findings: findings, unattributed: unattributed))
    }

    /// The indices of the changes a finding belongs to.
    static func owners(of finding: APIFinding, in changes: [SchemaChange]) -> [Int] {
        let symbol = finding.symbol
        let direct = changes.indices.filter { index in
            let named = changes[index].symbol
            return named == symbol || symbol.hasPrefix(named + ".")
        }
        if !direct.isEmpty { return preferringClaimed(direct, changes) }
        let type = APIFinding.topLevelType(symbol)
        if type == "TarlanAPIError" {
            // `TarlanAPIError.agwsCode`: named after the client's prefix, typed by the section's table.
            let kinds: [SchemaChange.Kind] = [
                .errorCodesChanged, .clientRenamed, .sectionRemoved, .enumRemoved, .enumRawTypeChanged,
            ]
            return preferringClaimed(changes.indices.filter { kinds.contains(changes[$0].kind) }, changes)
        }
        let sameType = changes.indices.filter { index in
            changes[index].subject.kind != .signatureVector && APIFinding.topLevelType(changes[index].symbol) == type
        }
        return preferringClaimed(sameType, changes)
    }

    /// The candidates the classifier calls swift-breaking, or all of them when it calls none so
    /// (a documentation change of the same symbol never takes a finding from a real change).
    private static func preferringClaimed(_ candidates: [Int], _ changes: [SchemaChange]) -> [Int] {
        let claimed = candidates.filter { changes[$0].swiftBreaking }
        return claimed.isEmpty ? candidates : claimed
    }
}

extension SchemaChange {
    /// False when the API checker ran and its verdict differs from the classifier's.
    package var agreesWithAPICheck: Bool {
        apiCheck.map { $0.swiftBreaking == swiftBreaking } ?? true
    }
}

extension SchemaDiffReport {
    /// Changes whose verdicts differ from the API checker's, plus breaking findings no change accounts for.
    package var apiCheckDisagreements: Int {
        changes.count { !$0.agreesWithAPICheck } + (apiCheck?.unattributed.count ?? 0)
    }
}
