import TarlanCore

/// The declarations of a `swift-api-digester -dump-sdk` file, by owner: enough to tell whether a
/// function the digester reports removed still exists with parameters added that have defaults.
struct APIDump {
    /// One function or initialiser: its printed name, return type and parameters.
    struct Function {
        var kind: String
        var baseName: String
        var labels: [String]
        var result: String
        var parameters: [(type: String, hasDefault: Bool)]
    }

    /// Qualified type name (`AGWSClient.Environment`) → its functions and initialisers.
    private(set) var functions: [String: [Function]] = [:]

    init(json: JSONValue) {
        let root = json["ABIRoot"] ?? json
        collect(root, owner: "")
    }

    private mutating func collect(_ node: JSONValue, owner: String) {
        for child in node["children"]?.arrayValue ?? [] {
            let kind = child["kind"]?.stringValue ?? ""
            let name = child["name"]?.stringValue ?? ""
            switch kind {
            case "TypeDecl":
                collect(child, owner: owner.isEmpty ? name : owner + "." + name)
            case "Function", "Constructor":
                let types = (child["children"]?.arrayValue ?? []).map { type in
                    (type: type["printedName"]?.stringValue ?? "", hasDefault: type["hasDefaultArg"]?.boolValue ?? false)
                }
                let printed = child["printedName"]?.stringValue ?? name
                functions[owner, default: []].append(Function(
                    kind: kind == "Function" ? "Func" : kind, baseName: name, labels: Self.labels(printed),
                    result: types.first?.type ?? "", parameters: Array(types.dropFirst())
                ))
            default:
                continue
            }
        }
    }

    /// `init(agent:note:)` → `["agent", "note"]`.
    static func labels(_ printedName: String) -> [String] {
        guard let open = printedName.firstIndex(of: "("), printedName.hasSuffix(")") else { return [] }
        return printedName[printedName.index(after: open)..<printedName.index(before: printedName.endIndex)]
            .split(separator: ":").map(String.init)
    }

    func function(_ symbol: String, kind: String) -> Function? {
        let (owner, member) = APIFinding.splitMember(symbol)
        let base = String(member.prefix { $0 != "(" })
        let labels = Self.labels(member)
        return functions[owner]?.first { $0.kind == kind && $0.baseName == base && $0.labels == labels }
    }

    /// A function of `new` that takes every call of `removed` as written: same owner, kind, name and
    /// result, the old parameters in order with the same labels, types and defaults, and every
    /// parameter added between them with a default.
    func compatibleReplacement(for removed: Function, owner: String) -> Function? {
        functions[owner]?.first { candidate in
            guard candidate.kind == removed.kind, candidate.baseName == removed.baseName, candidate.result == removed.result,
                  candidate.labels.count == candidate.parameters.count, removed.labels.count == removed.parameters.count,
                  candidate.labels.count > removed.labels.count
            else { return false }
            var next = 0
            for (label, parameter) in zip(candidate.labels, candidate.parameters) {
                if next < removed.labels.count, label == removed.labels[next], parameter.type == removed.parameters[next].type,
                   parameter.hasDefault || !removed.parameters[next].hasDefault {
                    next += 1
                } else if !parameter.hasDefault {
                    return false
                }
            }
            return next == removed.labels.count
        }
    }
}

extension APIFinding {
    /// Marks "has been removed" lines of functions and initialisers that `new` still takes as
    /// written (parameters with defaults added) as compatible.
    static func recognisingDefaultedParameters(_ findings: [APIFinding], old: APIDump, new: APIDump) -> [APIFinding] {
        findings.map { finding in
            guard ["Func", "Constructor"].contains(finding.declarationKind), finding.text.hasSuffix("has been removed"),
                  let removed = old.function(finding.symbol, kind: finding.declarationKind),
                  let replacement = new.compatibleReplacement(for: removed, owner: splitMember(finding.symbol).owner)
            else { return finding }
            var compatible = finding
            compatible.breaksSource = false
            let name = replacement.baseName + "(" + replacement.labels.map { $0 + ":" }.joined() + ")"
            compatible.note = "source-compatible: `\(name)` takes every call as written (the new parameters have defaults)"
            return compatible
        }
    }
}
