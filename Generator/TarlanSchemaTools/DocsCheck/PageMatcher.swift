import Foundation
import TarlanGeneratorKit

/// Finds what a page documents: the operation with its method and URL, else the operation,
/// callback or reference enum with its title (a page whose URL changed is still that page).
enum PageMatcher {
    static func subject(of page: DocumentationPage, in schema: APISchema) -> (PageCheck.Subject, matchedBy: String?) {
        if let path = page.url.flatMap(urlPath) {
            let samePath = schema.operations.values
                .filter { $0.path == path || $0.environmentPaths.values.contains(path) }
                .sorted { $0.id < $1.id }
            if let operation = samePath.first(where: { $0.method.rawValue == page.method }) ?? samePath.first {
                return (
                    .operation(operation.id),
                    samePath.contains { $0.method.rawValue == page.method } ? "method and URL" : "URL"
                )
            }
            for section in schema.sections.values.sorted(by: { $0.id < $1.id }) {
                if let unmodelled = section.unmodelled.values.first(where: { $0.path == path }) {
                    return (.unmodelled(section: section.id, id: unmodelled.id), "method and URL")
                }
            }
        }
        if let title = page.title {
            let wanted = PageText.normalizedTitle(title)
            let slug = PageText.slug(title)
            func matches(_ summary: String?, _ documentation: String?) -> Bool {
                (summary.map(PageText.normalizedTitle) == wanted) || lastPathComponent(documentation) == slug
            }
            if let operation = schema.operations.values.sorted(by: { $0.id < $1.id })
                .first(where: { matches($0.summary, $0.documentation) })
            {
                return (.operation(operation.id), "title")
            }
            if let callback = schema.callbacks.values.sorted(by: { $0.id < $1.id })
                .first(where: { matches($0.summary, $0.documentation) })
            {
                return (.callback(callback.id), "title")
            }
            if let enumeration = schema.enums.values.sorted(by: { $0.name < $1.name })
                .first(where: { lastPathComponent($0.documentation) == slug })
            {
                return (.enumeration(enumeration.name), "title")
            }
        }
        return (.new(suggestedID: suggestedID(for: page)), nil)
    }

    /// The path of a documented URL, without query or fragment.
    static func urlPath(_ url: String) -> String? {
        guard let components = URLComponents(string: url), !components.path.isEmpty else { return nil }
        return components.path
    }

    /// `scheme://host[:port]` of a documented URL.
    static func urlServer(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else {
            return nil
        }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    private static func lastPathComponent(_ url: String?) -> String? {
        guard let url, let last = url.split(separator: "/").last else { return nil }
        return String(last)
    }

    /// lowerCamelCase of the title (`Checking the refill status` → `checkingTheRefillStatus`).
    static func suggestedID(for page: DocumentationPage) -> String {
        let words = PageText.normalizedTitle(page.title ?? page.url.flatMap(urlPath) ?? "new operation")
            .split(separator: " ")
            .filter { $0.first?.isASCII == true }
        guard let first = words.first else { return "newOperation" }
        var id = String(first)
        for word in words.dropFirst() { id += word.prefix(1).uppercased() + word.dropFirst() }
        if id.first?.isLetter != true { id = "operation" + id }
        return id
    }
}
