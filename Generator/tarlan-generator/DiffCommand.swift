import Foundation
import TarlanGeneratorKit
import TarlanSchemaTools

/// `tarlan-generator diff OLD NEW [--format markdown|json] [--fail-on-breaking] [--verify-api
/// [--build-folder DIR] [--package-name NAME]]`
///
/// OLD and NEW are each a schema folder (every `*.json` except `*.schema.json`) or one schema file.
/// Prints every change with its verdicts (breaking for Swift code, breaking on the wire) as Markdown
/// (default) or JSON on standard output. `--verify-api` also compiles the module generated from each
/// side against the runtime built in DIR (default: beside this executable, else `.build/debug`) and
/// adds what `swift-api-digester` says of them. Exit status: 0 when there are no breaking changes, or
/// there are but `--fail-on-breaking` was not given; 1 for breaking changes with `--fail-on-breaking`;
/// 2 when an input cannot be read or loaded (diagnostics on standard error as
/// `file:line:column: error: …`) or the API check cannot run; 64 on usage errors.
enum DiffCommand {
    static let usage = """
        usage: tarlan-generator diff OLD NEW [--format markdown|json] [--fail-on-breaking]
                                     [--verify-api [--build-folder DIR] [--package-name NAME]]
        """

    static func run(_ arguments: [String]) {
        var format = DiffReportRenderer.Format.markdown
        var failOnBreaking = false
        var verifyAPI = false
        var buildFolder: String?
        var packageName: String?
        var inputs: [String] = []
        var index = 0
        func chosenFormat(_ name: String) -> DiffReportRenderer.Format {
            guard let chosen = DiffReportRenderer.Format(rawValue: name) else {
                CommandLineOutput.fail("unknown format \(name); expected markdown or json\n\(usage)", status: 64)
            }
            return chosen
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--format" where index + 1 < arguments.count:
                format = chosenFormat(arguments[index + 1])
                index += 2
            case _ where argument.hasPrefix("--format="):
                format = chosenFormat(String(argument.dropFirst("--format=".count)))
                index += 1
            case "--fail-on-breaking":
                failOnBreaking = true
                index += 1
            case "--verify-api":
                verifyAPI = true
                index += 1
            case "--build-folder" where index + 1 < arguments.count:
                buildFolder = arguments[index + 1]
                index += 2
            case "--package-name" where index + 1 < arguments.count:
                packageName = arguments[index + 1]
                index += 2
            case "--help", "-h":
                print(usage)
                exit(0)
            case _ where argument.hasPrefix("-") && argument != "-":
                CommandLineOutput.fail("unknown option \(argument)\n\(usage)", status: 64)
            default:
                inputs.append(argument)
                index += 1
            }
        }
        guard inputs.count == 2 else { CommandLineOutput.fail(usage, status: 64) }

        var diagnostics: [Diagnostic] = []
        let schemas = inputs.map { path -> (APISchema, isFolder: Bool, files: [SchemaLoader.File])? in
            do throws(GenerationFailed) {
                let source = try SchemaSource.read(path)
                return (try source.load(), source.isFolder, source.files)
            } catch {
                diagnostics += error.diagnostics
                return nil
            }
        }
        guard let old = schemas[0], let new = schemas[1] else {
            CommandLineOutput.fail(diagnostics.map(\.description).joined(separator: "\n"), status: 2)
        }

        var report = SchemaDiff.compare(old.0, new.0, detectsMoves: old.isFolder && new.isFolder)
        if verifyAPI {
            do throws(APICheckFailure) {
                let runtime = try RuntimeModules.locate(
                    buildFolder: Self.buildFolder(buildFolder), packageName: packageName)
                report = try APIVerifier(toolchain: try APIToolchain.find(), runtime: runtime)
                    .verify(report, old: old.files, new: new.files)
            } catch {
                CommandLineOutput.fail("error: --verify-api: \(error.description)", status: 2)
            }
        }
        FileHandle.standardOutput.write(Data(DiffReportRenderer.render(report, as: format).utf8))
        exit(failOnBreaking && report.hasBreakingChanges ? 1 : 0)
    }

    /// The given folder, else this executable's own build folder when the runtime was built there,
    /// else the package's `.build/debug`.
    static func buildFolder(_ given: String?) -> URL {
        if let given { return URL(fileURLWithPath: given) }
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        let hasRuntime = ["Modules/TarlanRuntime.swiftmodule", "TarlanRuntime.swiftmodule"].contains {
            FileManager.default.fileExists(atPath: executable.appendingPathComponent($0).path)
        }
        return hasRuntime ? executable : URL(fileURLWithPath: ".build/debug")
    }
}
