import Foundation
import TarlanGeneratorKit

/// One side of a diff: a schema folder (every `*.json` except `*.schema.json`, as the build plugin
/// reads it) or a single schema file.
///
/// Files are loaded under a display path that does not depend on where the folder is
/// (`Schema/agws.json`, whether it is the package's `Schema/` or a checkout of an older commit in a
/// temporary folder), so reports compare and read the same; diagnostics name the real path.
package struct SchemaSource: Sendable {
    package var files: [SchemaLoader.File]
    /// Display path → the path as given.
    package var realPaths: [String: String]
    package var isFolder: Bool

    /// Reads a folder or a file. Throws a diagnostic placed on the path when it cannot be read.
    package static func read(_ path: String) throws(GenerationFailed) -> SchemaSource {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("no such file or folder", path)
        }
        do {
            if !isDirectory.boolValue {
                let name = url.lastPathComponent
                let contents = try Data(contentsOf: url)
                return SchemaSource(
                    files: [SchemaLoader.File(path: name, contents: Array(contents))], realPaths: [name: path],
                    isFolder: false
                )
            }
            let folder = url.standardizedFileURL.lastPathComponent
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
                .sorted()
            guard !names.isEmpty else { throw failure("no schema documents (*.json) in this folder", path) }
            var source = SchemaSource(files: [], realPaths: [:], isFolder: true)
            for name in names {
                let display = folder + "/" + name
                let real = url.appendingPathComponent(name).path
                source.files.append(
                    SchemaLoader.File(path: display, contents: Array(try Data(contentsOf: URL(fileURLWithPath: real)))))
                source.realPaths[display] = real
            }
            return source
        } catch let failure as GenerationFailed {
            throw failure
        } catch {
            throw failure("cannot read: \(error.localizedDescription)", path)
        }
    }

    /// Loads the documents; diagnostics name the real files.
    package func load() throws(GenerationFailed) -> APISchema {
        do {
            return try SchemaLoader.load(files)
        } catch {
            throw GenerationFailed(
                diagnostics: error.diagnostics.map { diagnostic in
                    var located = diagnostic
                    located.location.file = realPaths[diagnostic.location.file] ?? diagnostic.location.file
                    return located
                })
        }
    }

    private static func failure(_ message: String, _ path: String) -> GenerationFailed {
        GenerationFailed(diagnostics: [
            Diagnostic(.error, message, at: SourceLocation(file: path, line: 1, column: 1, pointer: ""))
        ])
    }
}
