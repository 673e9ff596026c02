import TarlanCore

/// The declarations of a `swift-api-digester -dump-sdk` file, by owner: enough to tell whether a
/// function the digester reports removed still exists with parameters added that have defaults,
/// and which declarations are not public (the dump has the `package` ones too).
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
    /// Qualified names of the declarations code outside the package cannot see: `TarlanOperations`,
    /// `CheckBalanceResult.init(json:context:)`.
    private(set) var hidden: Set<String> = []

    init(json: JSONValue) {
        let root = json["ABIRoot"] ?? json
        collect(root, owner: "")
    }

    private mutating func collect(_ node: JSONValue, owner: String) {
        for child in node["children"]?.arrayValue ?? [] {
            let kind = child["kind"]?.stringValue ?? ""
            let name = child["name"]?.stringValue ?? ""
            let printed = child["printedName"]?.stringValue ?? name
            let qualified = owner.isEmpty ? printed : owner + "." + printed
            if child["isInternal"]?.boolValue == true { hidden.insert(qualified) }
            switch kind {
            case "TypeDecl":
                collect(child, owner: owner.isEmpty ? name : owner + "." + name)
            case "Function", "Constructor":
                let types = (child["children"]?.arrayValue ?? []).map { type in
                    (
                        type: type["printedName"]?.stringValue ?? "",
                        hasDefault: type["hasDefaultArg"]?.boolValue ?? false
                    )
                }
                functions[owner, default: []].append(
                    Function(
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

    /// Whether code using the module cannot see `symbol`: it, or a type it is in, is not public.
    func isHidden(_ symbol: String) -> Bool {
        var current = symbol
        while !current.isEmpty {
            if hidden.contains(current) { return true }
            current = APIFinding.splitMember(current).owner
        }
        return false
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
            guard candidate.kind == removed.kind, candidate.baseName == removed.baseName,
                candidate.result == removed.result,
                candidate.labels.count == candidate.parameters.count, removed.labels.count == removed.parameters.count,
                candidate.labels.count > removed.labels.count
            else { return false }
            var next = 0
            for (label, parameter) in zip(candidate.labels, candidate.parameters) {
                if next < removed.labels.count, label == removed.labels[next],
                    parameter.type == removed.parameters[next].type,
                    parameter.hasDefault || !removed.parameters[next].hasDefault
                {
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
    /// Marks as compatible the lines about `package` declarations (the dump has them; code using
    /// the module cannot see them) and the "has been removed" lines of functions and initialisers
    /// that `new` still takes as written (parameters with defaults added).
    static func classified(_ findings: [APIFinding], old: APIDump, new: APIDump) -> [APIFinding] {
        findings.map { finding in
            if old.isHidden(finding.symbol) || new.isHidden(finding.symbol) {
                var hidden = finding
                hidden.breaksSource = false
                hidden.note = "package API: code using the module cannot see it"
                return hidden
            }
            return recognisingDefaultedParameters(finding, old: old, new: new)
        }
    }

    static func recognisingDefaultedParameters(_ finding: APIFinding, old: APIDump, new: APIDump) -> APIFinding {
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
