import Foundation

/// `tarlan-generator generate --mode library|tests --output DIR SCHEMA.json…`
///
/// Diagnostics go to standard error as `file:line:column: error: message (at /pointer)`, the form
/// SwiftPM and Xcode show on the schema line. Exit status 1 on schema errors, 64 on usage errors.
/// On failure the outputs are removed, so no stale generated code survives a broken schema.
package enum GenerateCommand {
    package static let usage =
        "usage: tarlan-generator generate --mode library|mocks|tests --output DIR [--verbose] SCHEMA.json..."

    package static func run(_ arguments: [String]) {
        var mode: GenerationMode?
        var output: URL?
        var inputs: [String] = []
        var verbose = false
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--mode" where index + 1 < arguments.count:
                mode = GenerationMode(rawValue: arguments[index + 1])
                index += 2
            case "--verbose":
                verbose = true
                index += 1
            case "--output" where index + 1 < arguments.count:
                output = URL(fileURLWithPath: arguments[index + 1])
                index += 2
            case let argument where argument.hasPrefix("--"):
                CommandLineOutput.fail("unknown option \(argument)\n\(usage)", status: 64)
            case let path:
                inputs.append(path)
                index += 1
            }
        }
        guard let mode, let output, !inputs.isEmpty else { CommandLineOutput.fail(usage, status: 64) }

        let outputNames = OutputLayout.fileNames(for: mode)
        do {
            let files = try inputs.map { path in
                SchemaLoader.File(path: path, contents: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            }
            let generated = try GeneratorPipeline.run(files, mode: mode)
            // Warnings about quirks the schema already records are the maintainers' business, not every
            // downstream build's: they show with --verbose (and in the generator's tests).
            for warning in generated.warnings where verbose || !warning.isRecordedQuirk {
                CommandLineOutput.error(warning.description)
            }
            try OutputWriter.write(generated.files, to: output)
        } catch let failure as GenerationFailed {
            OutputWriter.removeOutputs(outputNames, in: output)
            CommandLineOutput.fail(failure.description, status: 1)
        } catch {
            OutputWriter.removeOutputs(outputNames, in: output)
            CommandLineOutput.fail("error: \(error)", status: 1)
        }
    }
}
