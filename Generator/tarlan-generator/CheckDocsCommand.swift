import Foundation
import TarlanCore
import TarlanGeneratorKit
import TarlanSchemaTools

/// `tarlan-generator check-docs PAGE... [--schema DIR] [--format markdown|json] [--draft]`
///
/// Compares documentation pages (GitBook Markdown or rendered text) with the schema (default
/// `Schema/`) and prints every difference, as Markdown (default) or JSON. `--draft` adds a schema
/// fragment for each page that documents an operation the schema lacks.
/// Exit status: 0 no drift; 1 drift; 2 a page cannot be read as documentation, or the schema cannot
/// be loaded (located diagnostics `file:line: error: …` on standard error); 64 usage errors.
enum CheckDocsCommand {
    static let usage = "usage: tarlan-generator check-docs PAGE... [--schema DIR] [--format markdown|json] [--draft]"

    static func run(_ arguments: [String]) {
        var format = DocsCheckRenderer.Format.markdown
        var schemaPath = "Schema"
        var draft = false
        var pages: [String] = []
        var index = 0
        func value(of option: String) -> String {
            guard index + 1 < arguments.count else {
                CommandLineOutput.fail("\(option) needs a value\n\(usage)", status: 64)
            }
            index += 2
            return arguments[index - 1]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--format":
                let name = value(of: argument)
                guard let chosen = DocsCheckRenderer.Format(rawValue: name) else {
                    CommandLineOutput.fail("unknown format \(name); expected markdown or json\n\(usage)", status: 64)
                }
                format = chosen
            case "--schema":
                schemaPath = value(of: argument)
            case "--draft":
                draft = true
                index += 1
            case "--help", "-h":
                print(usage)
                exit(0)
            case _ where argument.hasPrefix("-"):
                CommandLineOutput.fail("unknown option \(argument)\n\(usage)", status: 64)
            default:
                pages.append(argument)
                index += 1
            }
        }
        guard !pages.isEmpty else { CommandLineOutput.fail(usage, status: 64) }

        let schema: APISchema
        do throws(GenerationFailed) {
            schema = try SchemaSource.read(schemaPath).load()
        } catch {
            CommandLineOutput.fail(error.diagnostics.map(\.description).joined(separator: "\n"), status: 2)
        }

        var read: [DocumentationPage] = []
        var unreadable: [PageReadError] = []
        for path in pages {
            do throws(PageReadError) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw PageReadError(path: path, line: 1, message: "cannot read the file")
                }
                read.append(try PageReader.read(Array(data), path: path))
            } catch {
                unreadable.append(error)
            }
        }
        let checked = DocsCheck.check(read, against: schema)
        let report = checked.report
        unreadable += checked.unreadable
        for error in unreadable { CommandLineOutput.error(error.description) }
        var output: String
        switch format {
        case .markdown:
            output = DocsCheckRenderer.render(report, as: .markdown)
            if draft {
                for check in report.pages {
                    guard case .new(let id) = check.subject, let page = read.first(where: { $0.path == check.page })
                    else {
                        continue
                    }
                    let fragment = OperationDraft.fragment(for: page, id: id, schema: schema)
                    output +=
                        "\n### Draft for `\(id)` (\(page.path))\n\n```json\n\(JSONPrettyPrinter.string(fragment))\n```\n"
                }
            }
        case .json:
            var object = DocsCheckRenderer.json(report).objectValue ?? [:]
            if draft {
                var drafts: [String: JSONValue] = [:]
                for check in report.pages {
                    guard case .new(let id) = check.subject, let page = read.first(where: { $0.path == check.page })
                    else {
                        continue
                    }
                    drafts[id] = OperationDraft.fragment(for: page, id: id, schema: schema)
                }
                object["drafts"] = .object(drafts)
            }
            output = JSONPrettyPrinter.string(.object(object)) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        exit(!unreadable.isEmpty ? 2 : report.hasDrift ? 1 : 0)
    }
}
