import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes generated files so that builds stay incremental and never see half an output.
///
/// A file is rewritten only when its bytes change (nothing downstream recompiles for an identical
/// regeneration), each write goes to a temporary file that is then renamed over the old one, and
/// a failed run removes the outputs so no stale code survives a broken schema. Swift files in the
/// directory that the run did not write (left by an older layout) are removed too.
package enum OutputWriter {
    /// Returns the names of the files whose contents changed.
    @discardableResult
    package static func write(_ files: [String: String], to directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var changed: [String] = []
        for name in files.keys.sorted() {
            let target = directory.appendingPathComponent(name)
            let bytes = Data(files[name]!.utf8)
            if let existing = try? Data(contentsOf: target), existing == bytes { continue }
            let temporary = directory.appendingPathComponent(
                ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
            try bytes.write(to: temporary)
            // rename(2) replaces the target atomically: readers see the old or the new file, never half.
            guard rename(temporary.path, target.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
            changed.append(name)
        }
        let stale =
            (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
            .filter { $0.hasSuffix(".swift") && files[$0] == nil } ?? []
        removeOutputs(stale, in: directory)
        return changed
    }

    /// Removes the outputs of `mode` (after a failed run).
    package static func removeOutputs(_ names: [String], in directory: URL) {
        for name in names {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
