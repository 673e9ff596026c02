import Foundation
import TarlanCore
import TarlanGeneratorKit

/// Checks a diff's swift-breaking verdicts with Swift's own API checker: generates the library
/// module of each side, compiles it (`swiftc -emit-module`, seconds: only the generated files,
/// against the already built runtime), dumps each module's API (`swift-api-digester -dump-sdk`),
/// compares them (`-diagnose-sdk`) and attaches the findings to the report's changes.
package struct APIVerifier: Sendable {
    package var toolchain: APIToolchain
    package var runtime: RuntimeModules
    /// The generated module's name, as code using it imports it.
    package var moduleName = "TarlanPayments"

    package init(toolchain: APIToolchain, runtime: RuntimeModules) {
        self.toolchain = toolchain
        self.runtime = runtime
    }

    /// The report with every change's ``SchemaChange/apiCheck`` and the report's ``SchemaDiffReport/apiCheck`` set.
    package func verify(
        _ report: SchemaDiffReport, old: [SchemaLoader.File], new: [SchemaLoader.File]
    ) throws(APICheckFailure) -> SchemaDiffReport {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tarlan-api-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let oldDump = try dumpAPI(old, side: "old", in: work)
        let newDump = try dumpAPI(new, side: "new", in: work)
        return try compare(report, oldDump: oldDump, newDump: newDump, in: work)
    }

    /// Compares two dumps (`-diagnose-sdk`) and attaches the findings to the report's changes.
    package func compare(
        _ report: SchemaDiffReport, oldDump: URL, newDump: URL, in work: URL
    ) throws(APICheckFailure) -> SchemaDiffReport {
        let diagnosis = work.appendingPathComponent("diagnosis-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: diagnosis) }
        try run(
            toolchain.digester,
            [
                "-diagnose-sdk", "-input-paths", oldDump.path, "-input-paths", newDump.path, "-o", diagnosis.path,
            ], what: "swift-api-digester -diagnose-sdk")
        let output = (try? String(contentsOf: diagnosis, encoding: .utf8)) ?? ""
        let findings = APIFinding.classified(
            APIFinding.parse(output), old: try Self.readDump(oldDump), new: try Self.readDump(newDump)
        )
        return APICheckAttribution.apply(findings, to: report)
    }

    /// Generates one side's library sources, compiles them into a module and dumps its API into
    /// `work/<side>.json`, which it returns. `side` names the folder and the messages.
    package func dumpAPI(_ files: [SchemaLoader.File], side: String, in work: URL) throws(APICheckFailure) -> URL {
        let sources = work.appendingPathComponent(side).appendingPathComponent("Sources")
        let module = work.appendingPathComponent(side).appendingPathComponent("Module")
        let generated: GeneratedOutput
        do {
            generated = try GeneratorPipeline.run(files, mode: .library)
        } catch {
            throw APICheckFailure("the \(side) schema does not generate:\n\(error.description)")
        }
        var paths: [String] = []
        do {
            try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
            for (name, text) in generated.files.sorted(by: { $0.key < $1.key }) {
                let path = sources.appendingPathComponent(name)
                try Data(text.utf8).write(to: path)
                paths.append(path.path)
            }
        } catch {
            throw APICheckFailure(
                "cannot write the \(side) module's sources in \(work.path): \(error.localizedDescription)")
        }
        let cache = ["-module-cache-path", work.appendingPathComponent("ModuleCache").path]
        try run(
            toolchain.swiftc,
            [
                "-emit-module", "-parse-as-library", "-module-name", moduleName, "-swift-version", "6",
                "-package-name", runtime.packageName, "-emit-module-path",
                module.appendingPathComponent(moduleName + ".swiftmodule").path,
            ] + runtime.searchFlags + cache + paths, what: "swiftc -emit-module (\(side) schema)")
        let dump = work.appendingPathComponent(side + ".json")
        try run(
            toolchain.digester,
            [
                "-dump-sdk", "-module", moduleName, "-I", module.path, "-o", dump.path, "-avoid-location",
                "-avoid-tool-args",
                "-abort-on-module-fail",
            ] + runtime.searchFlags + cache, what: "swift-api-digester -dump-sdk (\(side) schema)")
        return dump
    }

    private func run(_ tool: URL, _ arguments: [String], what: String) throws(APICheckFailure) {
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner.run(tool, arguments)
        } catch {
            throw APICheckFailure("cannot run \(tool.path): \(error.localizedDescription)")
        }
        guard result.status == 0 else {
            throw APICheckFailure("\(what) failed with status \(result.status):\n\(result.output)")
        }
    }

    static func readDump(_ url: URL) throws(APICheckFailure) -> APIDump {
        do {
            return APIDump(json: try JSONParser.parse(Array(try Data(contentsOf: url))))
        } catch {
            throw APICheckFailure("cannot read the API dump \(url.path): \(error)")
        }
    }
}
