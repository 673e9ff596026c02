/// One difference between a documentation page and the schema.
package struct DocsFinding: Sendable, Hashable {
    package enum Kind: String, Sendable, CaseIterable {
        case fieldAdded, fieldRemoved, typeChanged, requiredChanged, urlChanged, methodChanged, headerChanged
        case exampleAdded, exampleChanged, exampleRemoved, codeChanged, newOperation
    }

    package var page: String
    /// The operation, callback or enum the page documents (a suggested id for a new operation).
    package var operation: String
    package var kind: Kind
    /// The JSON key (field, header or code) the finding is about; nil for the page as a whole.
    package var field: String?
    /// Where in the schema the change belongs (RFC 6901).
    package var pointer: String
    package var message: String
    /// The page line it was found at.
    package var line: Int

    package init(
        page: String, operation: String, kind: Kind, field: String?, pointer: String, message: String, line: Int
    ) {
        self.page = page
        self.operation = operation
        self.kind = kind
        self.field = field
        self.pointer = pointer
        self.message = message
        self.line = line
    }
}

/// What the check made of one page.
package struct PageCheck: Sendable {
    package enum Subject: Sendable, Equatable {
        case operation(String)
        case callback(String)
        case enumeration(String)
        /// A call the schema records as deliberately not modelled.
        case unmodelled(section: String, id: String)
        case new(suggestedID: String)

        package var name: String {
            switch self {
            case .operation(let id), .callback(let id), .enumeration(let id), .unmodelled(_, let id), .new(let id): id
            }
        }
    }

    package var page: String
    package var form: DocumentationPage.Form
    package var subject: Subject
    /// How the page was matched: "method and URL", "title", or nil for a new operation.
    package var matchedBy: String?
    package var stop: PageStop?
    package var findings: [DocsFinding]
    /// What the page showed that was compared, for the report ("3 body fields, 2 examples").
    package var compared: [String]
}

/// The findings of every page checked.
package struct DocsCheckReport: Sendable {
    package var pages: [PageCheck]

    package var findings: [DocsFinding] { pages.flatMap(\.findings) }
    package var hasDrift: Bool { !findings.isEmpty }
}
