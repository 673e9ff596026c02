import TarlanGeneratorKit

/// Collects the findings of one page against its subject.
struct PageComparison {
    let page: DocumentationPage
    let schema: APISchema
    let subject: String
    var findings: [DocsFinding] = []
    var compared: [String] = []

    init(page: DocumentationPage, schema: APISchema, subject: String) {
        self.page = page
        self.schema = schema
        self.subject = subject
    }

    mutating func report(_ kind: DocsFinding.Kind, field: String?, pointer: String, line: Int, _ message: String) {
        findings.append(
            DocsFinding(
                page: page.path, operation: subject, kind: kind, field: field, pointer: pointer,
                message: "line \(line): \(message)", line: line
            ))
    }

    /// Whether a note the schema keeps (a quirk, a description) already says what the page shows:
    /// the documented word appears in it, as a word of its own.
    static func recorded(_ word: String, in notes: [String?]) -> Bool {
        guard !word.isEmpty else { return false }
        return notes.compactMap { $0 }.contains { note in
            var searchRange = note.startIndex..<note.endIndex
            while let found = note.range(of: word, range: searchRange) {
                let before = found.lowerBound == note.startIndex ? nil : note[note.index(before: found.lowerBound)]
                let after = found.upperBound == note.endIndex ? nil : note[found.upperBound]
                let isWordCharacter = { (character: Character?) in
                    character.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false
                }
                if !isWordCharacter(before), !isWordCharacter(after) { return true }
                searchRange = found.upperBound..<note.endIndex
            }
            return false
        }
    }

    /// JSON pointer escaping (RFC 6901).
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
