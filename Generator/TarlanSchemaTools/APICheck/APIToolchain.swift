import Foundation

/// Why the API check could not run: a tool, a module or a build is missing or failed.
package struct APICheckFailure: Error, CustomStringConvertible, Sendable {
    package var description: String
    init(_ description: String) { self.description = description }
}

/// The compiler and Swift's API checker, from the same toolchain.
package struct APIToolchain: Sendable {
    package var swiftc: URL
    package var digester: URL

    /// `swiftc` on `PATH` (symbolic links resolved) and `swift-api-digester` beside it, as toolchains
    /// ship it on Linux and macOS; `xcrun --find` on a Mac without them on `PATH`.
    package static func find(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(APICheckFailure) -> APIToolchain
    {
        let folders = (environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        for folder in folders {
            let swiftc = URL(fileURLWithPath: folder).appendingPathComponent("swiftc")
            guard FileManager.default.isExecutableFile(atPath: swiftc.path) else { continue }
            let resolved = swiftc.resolvingSymlinksInPath()
            for bin in [swiftc.deletingLastPathComponent(), resolved.deletingLastPathComponent()] {
                let digester = bin.appendingPathComponent("swift-api-digester")
                if FileManager.default.isExecutableFile(atPath: digester.path) {
                    return APIToolchain(swiftc: swiftc, digester: digester)
                }
            }
        }
        #if os(macOS)
            if let swiftc = try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/xcrun"), ["--find", "swiftc"]).output,
                let digester = try? ProcessRunner.run(
                    URL(fileURLWithPath: "/usr/bin/xcrun"), ["--find", "swift-api-digester"]
                ).output
            {
                return APIToolchain(
                    swiftc: URL(fileURLWithPath: swiftc.trimmingCharacters(in: .whitespacesAndNewlines)),
                    digester: URL(fileURLWithPath: digester.trimmingCharacters(in: .whitespacesAndNewlines))
                )
            }
        #endif
        throw APICheckFailure(
            "no swift-api-digester beside swiftc on PATH; the API check needs a Swift toolchain that ships it")
    }
}

/// The built runtime the generated module compiles against: a SwiftPM build folder
/// (`.build/<triple>/debug`) in which `TarlanRuntime` was built.
package struct RuntimeModules: Sendable {
    /// Where `TarlanRuntime.swiftmodule` and `TarlanCore.swiftmodule` are.
    package var modules: URL
    /// The C targets' module maps (`CTarlanSHA256`), which the Swift modules import.
    package var moduleMaps: [URL]
    /// The `-package-name` the runtime was built with: generated code uses its `package` API.
    package var packageName: String

    /// Finds the modules in `buildFolder` (`Modules/`, SwiftPM 6, or the folder itself) and the
    /// package name in the build's `debug.yaml`/`release.yaml` unless given.
    package static func locate(buildFolder: URL, packageName: String? = nil) throws(APICheckFailure) -> RuntimeModules {
        let candidates = [buildFolder.appendingPathComponent("Modules"), buildFolder]
        guard
            let modules = candidates.first(where: {
                FileManager.default.fileExists(atPath: $0.appendingPathComponent("TarlanRuntime.swiftmodule").path)
            })
        else {
            throw APICheckFailure(
                "no TarlanRuntime.swiftmodule in \(buildFolder.path) or its Modules/; build the package first (`swift build`)"
            )
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: buildFolder.path)) ?? []
        // `X-tool.build` holds the same module built for the host's tools (plugins); one of each.
        let moduleMaps = entries.filter { $0.hasSuffix(".build") && !$0.hasSuffix("-tool.build") }.sorted()
            .map { buildFolder.appendingPathComponent($0).appendingPathComponent("module.modulemap") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        guard let name = packageName ?? Self.packageName(buildFolder: buildFolder) else {
            throw APICheckFailure(
                "cannot tell the package name the runtime was built with from \(buildFolder.path); pass --package-name")
        }
        return RuntimeModules(modules: modules, moduleMaps: moduleMaps, packageName: name)
    }

    /// `-package-name` as SwiftPM passed it, from `<scratch>/<configuration>.yaml` (the build
    /// folder is `<scratch>/<triple>/<configuration>`).
    static func packageName(buildFolder: URL) -> String? {
        let resolved = buildFolder.resolvingSymlinksInPath()
        let configuration = resolved.lastPathComponent
        let scratch = resolved.deletingLastPathComponent().deletingLastPathComponent()
        let manifest = scratch.appendingPathComponent(configuration + ".yaml")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8),
            let flag = text.range(of: "\"-package-name\",\"")
        else { return nil }
        let rest = text[flag.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The flags that make the runtime importable.
    var searchFlags: [String] {
        ["-I", modules.path] + moduleMaps.flatMap { ["-Xcc", "-fmodule-map-file=" + $0.path] }
    }
}

/// Runs a tool with its output and errors in files (neither pipe can fill up).
enum ProcessRunner {
    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> Result {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tarlan-process-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }
}
