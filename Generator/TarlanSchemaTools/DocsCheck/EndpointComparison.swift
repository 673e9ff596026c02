import TarlanGeneratorKit

/// The endpoint line and the headers table against the operation and its section's signing.
extension PageComparison {
    mutating func compareEndpoint(_ operation: Operation) {
        let line = page.endpointLine ?? page.titleLine
        if let method = page.method, method != operation.method.rawValue {
            report(
                .methodChanged, field: nil, pointer: "/operations/\(operation.id)/method", line: line,
                "the page documents \(method); the schema has \(operation.method.rawValue)"
            )
        }
        guard let url = page.url else { return }
        compared.append("endpoint")
        if let path = PageMatcher.urlPath(url), path != operation.path,
            !operation.environmentPaths.values.contains(path)
        {
            report(
                .urlChanged, field: nil, pointer: "/operations/\(operation.id)/path", line: line,
                "the page documents the path \(path); the schema has \(operation.path)"
            )
        }
        if let section = schema.sections[operation.section], let server = PageMatcher.urlServer(url),
            !section.servers.values.contains(server)
        {
            report(
                .urlChanged, field: nil, pointer: "/sections/\(section.id)/servers", line: line,
                "the page documents the host \(server); the schema's \(section.id) servers are "
                    + section.servers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            )
        }
    }

    /// Headers besides the section's signature header, `Content-Type` and `Accept` are new; a
    /// complete headers table without the signature header has lost it. Quirks that name a header
    /// record what the page does with it.
    mutating func compareHeaders(_ table: PageTable, section sectionID: String, quirks: [String]) {
        guard let section = schema.sections[sectionID] else { return }
        let signing = section.signing.headerName
        let known = Set(["content-type", "accept", signing.lowercased()])
        let pointer = "/sections/\(sectionID)/signing/headerName"
        compared.append("\(table.rows.count) headers")
        for row in table.rows where !known.contains(row.name.lowercased()) && !Self.recorded(row.name, in: quirks) {
            report(
                .headerChanged, field: row.name, pointer: pointer, line: row.line,
                "the page documents the header \(row.name); the schema knows Content-Type and the signature header \(signing)"
            )
        }
        if !table.mayBeCut, !table.rows.contains(where: { $0.name.lowercased() == signing.lowercased() }),
            !Self.recorded(signing, in: quirks)
        {
            report(
                .headerChanged, field: signing, pointer: pointer, line: table.line,
                "the headers table at line \(table.line) no longer lists the signature header \(signing)"
            )
        }
    }
}
