import TarlanCore

/// Reads one JSON object of a schema document, reporting every problem with its location.
///
/// Each reader knows its JSON pointer, so a diagnostic lands on the exact line of the value.
/// Unknown keys are errors: a typo in a key must not silently drop a fact.
struct NodeReader {
    let value: JSONValue
    let pointer: String
    let file: FileContext

    init(_ value: JSONValue, pointer: String, file: FileContext) {
        self.value = value
        self.pointer = pointer
        self.file = file
    }

    var location: SourceLocation { file.location(of: pointer) }

    var members: [String: JSONValue] { value.objectValue ?? [:] }

    func child(_ key: String) -> NodeReader? {
        members[key].map { NodeReader($0, pointer: JSONPointer.append(pointer, key), file: file) }
    }

    /// Member readers sorted by key, for deterministic processing.
    func sortedChildren() -> [(key: String, reader: NodeReader)] {
        members.sorted { $0.key < $1.key }.map { key, member in
            (key, NodeReader(member, pointer: JSONPointer.append(pointer, key), file: file))
        }
    }

    func elements() -> [NodeReader] {
        (value.arrayValue ?? []).enumerated().map { index, element in
            NodeReader(element, pointer: JSONPointer.append(pointer, String(index)), file: file)
        }
    }

    /// Checks this is an object (of any keys: names the schema defines); false if not.
    @discardableResult
    func expectAnyObject(_ what: String, log: inout DiagnosticLog) -> Bool {
        guard value.objectValue != nil else {
            log.error("\(what) must be an object, found \(value.jsonTypeName)", at: location)
            return false
        }
        return true
    }

    /// Checks this is an object with only known keys and all required ones; false if not an object.
    @discardableResult
    func expectObject(
        _ what: String,
        required: [String] = [],
        optional: [String] = [],
        log: inout DiagnosticLog
    ) -> Bool {
        guard expectAnyObject(what, log: &log) else { return false }
        // Key lists are short: a scan beats hashing every key into a set.
        let unknown = members.keys.filter { !required.contains($0) && !optional.contains($0) }
        for key in unknown.sorted() {
            let expected = (required + optional).sorted().joined(separator: ", ")
            log.error(
                "unknown key \"\(key)\" in \(what); expected one of: \(expected)",
                at: file.location(of: JSONPointer.append(pointer, key))
            )
        }
        for key in required where members[key] == nil {
            log.error("\(what) is missing required key \"\(key)\"", at: location)
        }
        return true
    }

    // Scalar members are read without a child reader: its pointer is only built for a diagnostic.

    func string(_ key: String, log: inout DiagnosticLog) -> String? {
        guard let member = value.objectValue?[key] else { return nil }
        guard case .string(let text) = member else {
            log.error("\"\(key)\" must be a string, found \(member.jsonTypeName)", at: child(key)!.location)
            return nil
        }
        return text
    }

    func bool(_ key: String, log: inout DiagnosticLog) -> Bool? {
        guard let member = value.objectValue?[key] else { return nil }
        guard case .bool(let flag) = member else {
            log.error("\"\(key)\" must be true or false, found \(member.jsonTypeName)", at: child(key)!.location)
            return nil
        }
        return flag
    }

    func integer(_ key: String, log: inout DiagnosticLog) -> Int? {
        guard let member = value.objectValue?[key] else { return nil }
        guard case .number(let number) = member, let integer = number.int else {
            log.error("\"\(key)\" must be an integer, found \(member.jsonTypeName)", at: child(key)!.location)
            return nil
        }
        return integer
    }

    func stringArray(_ key: String, log: inout DiagnosticLog) -> [String]? {
        guard let member = value.objectValue?[key] else { return nil }
        guard let elements = member.arrayValue else {
            log.error("\"\(key)\" must be an array of strings, found \(member.jsonTypeName)", at: child(key)!.location)
            return nil
        }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                log.error(
                    "\"\(key)\" items must be strings, found \(element.jsonTypeName)",
                    at: child(key)!.elements()[index].location)
                continue
            }
            strings.append(text)
        }
        return strings
    }

    /// Reads a string that must be one of a fixed set of raw values.
    func choice<Choice: RawRepresentable>(
        _ key: String,
        _ type: Choice.Type,
        allowed: [Choice],
        log: inout DiagnosticLog
    ) -> Choice? where Choice.RawValue == String {
        guard let text = string(key, log: &log) else { return nil }
        guard let choice = Choice(rawValue: text), allowed.contains(where: { $0.rawValue == text }) else {
            let names = allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            log.error("unknown \(key) \"\(text)\"; expected one of \(names)", at: child(key)!.location)
            return nil
        }
        return choice
    }
}

/// One schema file: its display path and where each JSON pointer starts.
struct FileContext {
    let path: String
    let map: SourceMap

    func location(of pointer: String) -> SourceLocation {
        SourceLocation(file: path, pointer: pointer, map: map)
    }
}
