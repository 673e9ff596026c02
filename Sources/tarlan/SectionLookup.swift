import TarlanPayments

/// The API sections the schema defines, by name, from the generated operation catalog.
enum SectionLookup {
    static var all: [TarlanSection] {
        var seen: [String: TarlanSection] = [:]
        for operation in TarlanOperations.all { seen[operation.section.name] = operation.section }
        return seen.keys.sorted().map { seen[$0]! }
    }

    static var names: String { all.map(\.name).joined(separator: ", ") }

    static func named(_ name: String) -> TarlanSection? {
        all.first { $0.name == name }
    }
}
