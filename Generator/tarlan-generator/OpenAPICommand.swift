import Foundation
import TarlanGeneratorKit
import TarlanSchemaTools

/// `tarlan-generator openapi SCHEMA [--output FILE]`
///
/// Writes the OpenAPI 3.1.0 document of the whole schema to standard output, or to FILE. SCHEMA is a
/// folder of schema documents (every `*.json` except `*.schema.json`) or one document. The schema is
/// validated first; diagnostics go to standard error as in `generate`, and nothing is written on
/// failure. Exit status 1 on schema or I/O errors, 64 on usage errors.
enum OpenAPICommand {
    static let usage =
        "usage: tarlan-generator openapi SCHEMA [--output FILE]  (SCHEMA: a folder of schema documents, or one file)"

    static func run(_ arguments: [String]) {
        var output: String?
        var inputs: [String] = []
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--help", "-h":
                print(usage)
                exit(0)
            case "--output" where index + 1 < arguments.count:
                output = arguments[index + 1]
                index += 2
            case let argument where argument.hasPrefix("-"):
                CommandLineOutput.fail("unknown option \(argument)\n\(usage)", status: 64)
            case let path:
                inputs.append(path)
                index += 1
            }
        }
        guard inputs.count == 1, let input = inputs.first else { CommandLineOutput.fail(usage, status: 64) }

        do {
            let files = try schemaFiles(at: input)
            let exported = try OpenAPIExport.run(files)
            for warning in exported.warnings {
                CommandLineOutput.error(warning.description)
            }
            let data = Data(exported.text.utf8)
            if let output {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(data)
            }
        } catch let failure as GenerationFailed {
            CommandLineOutput.fail(failure.description, status: 1)
        } catch {
            CommandLineOutput.fail("error: \(error)", status: 1)
        }
    }

    /// The documents at `path`: the file itself, or a folder's `*.json` files except `*.schema.json`, by name.
    private static func schemaFiles(at path: String) throws -> [SchemaLoader.File] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            CommandLineOutput.fail("error: \(path): no such file or folder", status: 1)
        }
        let paths: [String]
        if isDirectory.boolValue {
            let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
            paths = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
                .sorted()
                .map { folder + "/" + $0 }
            if paths.isEmpty {
                CommandLineOutput.fail(
                    "error: \(path): no schema documents (*.json other than *.schema.json)", status: 1)
            }
        } else {
            paths = [path]
        }
        return try paths.map { path in
            SchemaLoader.File(path: path, contents: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }
}
