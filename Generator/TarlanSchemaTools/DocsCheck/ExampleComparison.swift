import TarlanCore
import TarlanGeneratorKit

/// The page's samples against the schema's examples, as data: a sample equal to an example is
/// documented; one that differs is a changed example when the schema has an example of the same
/// outcome (success, or the same error code) left unmatched, and an added one otherwise.
extension PageComparison {
    struct Candidate {
        var example: Example
        var pointer: String
    }

    mutating func compareExamples(_ examples: [String: Example], pointer base: String, queryRequest: Bool) {
        let sorted = examples.values.sorted { $0.name < $1.name }
        let bodies = sorted.filter { $0.kind == .response || $0.kind == .payload || $0.kind == .reply }
        let requests = sorted.filter { $0.kind == .request }
        var claimed: Set<String> = []
        var unmatched: [(sample: PageExample, value: JSONValue)] = []

        for sample in page.examples where sample.kind == .json {
            guard let read = SampleReading.json(sample.text) else {
                report(
                    .exampleChanged, field: nil, pointer: base, line: sample.line,
                    "the sample\(Self.labelled(sample)) cannot be read as JSON, even leniently"
                )
                continue
            }
            let equal = bodies.filter { $0.body == read.value }
            guard let match = equal.first(where: { !claimed.contains($0.name) }) ?? equal.first else {
                unmatched.append((sample, read.value))
                continue
            }
            claimed.insert(match.name)
            if let reason = read.invalidBecause, match.asDocumented == nil {
                report(
                    .exampleChanged, field: nil, pointer: "\(base)/\(Self.escape(match.name))/asDocumented",
                    line: sample.line,
                    "the sample\(Self.labelled(sample)) is invalid JSON as published (\(reason)); the schema's example "
                        + "\(match.name) records no asDocumented/correction"
                )
            }
        }
        for (sample, value) in unmatched {
            reportUnmatched(sample, value: value, among: bodies, claimed: &claimed, base: base)
        }
        // Only a page seen to its end, and only examples the schema says this form shows: page
        // versions disagree, so absence from another form proves nothing.
        if page.stop == nil, page.reachesEnd {
            for example in bodies
            where example.pageForms.contains(page.form.rawValue) && !claimed.contains(example.name) {
                report(
                    .exampleRemoved, field: nil, pointer: "\(base)/\(Self.escape(example.name))", line: page.lineCount,
                    "the page no longer shows the schema's example \(example.name) (\(Self.outcome(example.body))), which its "
                        + "pageForms say the \(page.form.rawValue) page shows"
                )
            }
        }

        for sample in page.examples where sample.kind == .curl {
            let curl = SampleReading.curl(sample.text)
            let sent: JSONValue?
            if queryRequest {
                sent = curl.query.isEmpty ? nil : .object(curl.query.mapValues { .string($0) })
            } else {
                sent = curl.body?.value
            }
            guard let sent else { continue }
            let asSent = { (example: Example) in queryRequest ? Self.queryStrings(example.body) : example.body }
            if requests.contains(where: { asSent($0) == sent }) { continue }
            reportUnmatched(sample, value: sent, among: requests, claimed: &claimed, base: base, transform: asSent)
        }
        compared.append("\(page.examples.count) samples")
    }

    private mutating func reportUnmatched(
        _ sample: PageExample, value: JSONValue, among examples: [Example], claimed: inout Set<String>, base: String,
        transform: (Example) -> JSONValue = { $0.body }
    ) {
        let outcome = Self.outcome(value)
        let candidates = examples.filter { !claimed.contains($0.name) && Self.outcome(transform($0)) == outcome }
        let best = candidates.max { lhs, rhs in
            let left = (lhs.provenance == .doc ? 1 : 0, Self.similarity(transform(lhs), value))
            let right = (rhs.provenance == .doc ? 1 : 0, Self.similarity(transform(rhs), value))
            return left < right
        }
        guard let best else {
            report(
                .exampleAdded, field: nil, pointer: base, line: sample.line,
                "the sample\(Self.labelled(sample)) (\(outcome)) matches none of the schema's examples"
            )
            return
        }
        claimed.insert(best.name)
        let differences = Self.differences(transform(best), value, at: "")
        report(
            .exampleChanged, field: differences.first.flatMap(Self.lastKey),
            pointer: "\(base)/\(Self.escape(best.name))/body",
            line: sample.line,
            "the sample\(Self.labelled(sample)) differs from the schema's example \(best.name) at "
                + differences.prefix(4).joined(separator: ", ") + (differences.count > 4 ? ", …" : "")
        )
    }

    static func labelled(_ sample: PageExample) -> String {
        sample.label.isEmpty ? "" : " \"\(sample.label)\""
    }

    /// "success" or "error CODE", from the body itself (the new format's code is in result.error_code).
    static func outcome(_ body: JSONValue) -> String {
        if let code = body["result"]?["error_code"], code != .number(0), code != .null {
            return "error \(describe(code))"
        }
        if body["status"] == .bool(false) {
            return "error " + (body["status_code"].map(describe) ?? "?")
        }
        return "success"
    }

    /// How many leaves two values share, to pick the example a changed sample most resembles.
    static func similarity(_ lhs: JSONValue, _ rhs: JSONValue) -> Int {
        switch (lhs, rhs) {
        case (.object(let left), .object(let right)):
            left.reduce(0) { total, member in total + (right[member.key].map { similarity(member.value, $0) } ?? 0) }
        case (.array(let left), .array(let right)):
            zip(left, right).reduce(0) { $0 + similarity($1.0, $1.1) }
        default:
            lhs == rhs ? 1 : 0
        }
    }

    /// JSON pointers where `published` differs from `expected`.
    static func differences(_ expected: JSONValue, _ published: JSONValue, at pointer: String) -> [String] {
        switch (expected, published) {
        case (.object(let left), .object(let right)):
            return Set(left.keys).union(right.keys).sorted().flatMap { key -> [String] in
                let path = pointer + "/" + escape(key)
                switch (left[key], right[key]) {
                case (let a?, let b?): return differences(a, b, at: path)
                case (nil, _?): return [path + " (added)"]
                case (_?, nil): return [path + " (removed)"]
                case (nil, nil): return []
                }
            }
        case (.array(let left), .array(let right)) where left.count == right.count:
            return zip(left, right).enumerated().flatMap { differences($1.0, $1.1, at: pointer + "/\($0)") }
        default:
            guard expected != published else { return [] }
            return [(pointer.isEmpty ? "/" : pointer) + " (\(describe(expected)) → \(describe(published)))"]
        }
    }

    static func lastKey(_ difference: String) -> String? {
        let pointer = difference.split(separator: " ").first.map(String.init) ?? ""
        guard let last = pointer.split(separator: "/").last, Int(last) == nil else { return nil }
        return last.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    static func describe(_ value: JSONValue) -> String {
        let text = CanonicalJSON.string(value)
        return text.count > 40 ? String(text.prefix(37)) + "…" : text
    }

    /// A query example's typed body as the strings a URL carries.
    static func queryStrings(_ body: JSONValue) -> JSONValue {
        guard case .object(let members) = body else { return body }
        return .object(
            members.mapValues { value in
                switch value {
                case .string: value
                case .number(let number): .string(number.text)
                case .bool(let bool): .string(bool ? "true" : "false")
                default: .string(CanonicalJSON.string(value))
                }
            })
    }
}
