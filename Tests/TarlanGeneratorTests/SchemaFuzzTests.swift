import Foundation
import TarlanCore
import TarlanTestSupport
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// Seeded fuzzing of the generator's input side: mutated bytes of the real `Schema/*.json` files go
/// through `SchemaLoader.load` and, for a share of them, the whole `GeneratorPipeline.run` with the
/// other files intact. Nothing may crash; every refusal is a `GenerationFailed` whose diagnostics
/// are errors pointing at a real line of the damaged file. Input `n` comes from `seed + n` alone.
final class SchemaFuzzTests: XCTestCase {
    private static let seed: UInt64 = 0x5C4E_3A00_2024_0005
    private static let loadCount = 400
    /// Every `pipelineEvery`-th input also runs through the whole pipeline (validate, lower, render).
    private static let pipelineEvery = 16

    private struct Stats {
        var cases = 0
        var outcomes: [String: Int] = [:]
        var failures: [String] = []

        mutating func count(_ outcome: String) {
            cases += 1
            outcomes[outcome, default: 0] += 1
        }

        mutating func fail(_ message: String) {
            if failures.count < 25 { failures.append(message) }
        }
    }

    private static let files: [SchemaLoader.File] = {
        let directory = GeneratorTestSupport.packageRoot.appendingPathComponent("Schema")
        return (try? GeneratorTestSupport.schemaFiles(in: directory, displayPrefix: "Schema/")) ?? []
    }()

    /// Schema-specific damage on top of `Fuzzer`'s: two string values trade places, so references,
    /// methods, paths and names end up where another kind of name belongs (unknown models, bad paths…).
    private static func swapStrings(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        guard let value = try? JSONParser.parse(bytes) else { return Fuzzer.mutate(bytes, .byteReplace, &rng) }
        let strings = Fuzzer.positions(value).compactMap { path -> ([JSONPathToken], JSONValue)? in
            let node = Self.node(at: path, in: value)
            return node.stringValue != nil ? (path, node) : nil
        }
        guard strings.count > 1 else { return Fuzzer.mutate(bytes, .typeSwap, &rng) }
        let (firstPath, firstValue) = strings[rng.below(strings.count)]
        let (secondPath, secondValue) = strings[rng.below(strings.count)]
        let swapped = Fuzzer.replacing(Fuzzer.replacing(value, at: firstPath[...], with: secondValue), at: secondPath[...], with: firstValue)
        return CanonicalJSON.encode(swapped)
    }

    private static func node(at path: [JSONPathToken], in value: JSONValue) -> JSONValue {
        var node = value
        for token in path {
            switch (node, token) {
            case (.object(let members), .key(let key)): node = members[key] ?? .null
            case (.array(let elements), .index(let index)): node = elements[index]
            default: return .null
            }
        }
        return node
    }

    /// Checks a refusal: error diagnostics only where they belong, each at a line of a given file.
    private static func check(_ failure: GenerationFailed, _ stats: inout Stats, _ label: String) {
        let errors = failure.diagnostics.filter { $0.severity == .error }
        if errors.isEmpty { stats.fail("\(label): refused without an error diagnostic: \(failure)") }
        for diagnostic in failure.diagnostics where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
            stats.fail("\(label): diagnostic outside the file: \(diagnostic)")
        }
        if !failure.description.contains("error") { stats.fail("\(label): the failure does not read as an error: \(failure.description.prefix(200))") }
    }

    private static func run(_ index: Int, _ stats: inout Stats) {
        var rng = SplitMix64(seed: seed &+ UInt64(index))
        let file = files[index % files.count]
        let swap = rng.chance(1, in: 6)
        let mutation = swap ? nil : Fuzzer.randomMutation(&rng)
        let bytes = mutation.map { Fuzzer.mutate(file.contents, $0, &rng) } ?? swapStrings(file.contents, &rng)
        let damaged = SchemaLoader.File(path: file.path, contents: bytes)
        let label = "input #\(index) (\(mutation?.rawValue ?? "swapStrings") of \(file.path))"

        // Typed throws: a failure is a GenerationFailed, checked by the compiler; its contents are checked here.
        do {
            _ = try SchemaLoader.load([damaged])
            stats.count("load: loaded")
        } catch {
            // Every load error names the damaged file: it is the only one.
            for diagnostic in error.diagnostics where diagnostic.location.file != file.path {
                stats.fail("\(label): diagnostic for another file: \(diagnostic)")
            }
            check(error, &stats, label)
            stats.count("load: refused")
        }

        if index % pipelineEvery == 0 {
            let all = files.map { $0.path == file.path ? damaged : $0 }
            do {
                let output = try GeneratorPipeline.run(all, mode: index % (2 * pipelineEvery) == 0 ? .library : .tests)
                if output.files.isEmpty { stats.fail("\(label): generated nothing") }
                stats.count("pipeline: generated")
            } catch {
                check(error, &stats, label)
                stats.count("pipeline: refused")
            }
        }
    }

    func testMutatedSchemaFilesNeverCrashTheGenerator() throws {
        XCTAssertGreaterThanOrEqual(Self.files.count, 4, "\(Self.files.map(\.path))")
        // The unmutated schema generates: the pipeline below starts from a working input.
        XCTAssertNoThrow(try GeneratorPipeline.run(Self.files, mode: .library))

        let clock = ContinuousClock()
        let begin = clock.now
        let results = Locked(Stats())
        let workers = 4
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var stats = Stats()
            for index in stride(from: worker, to: Self.loadCount, by: workers) { Self.run(index, &stats) }
            results.update { merged in
                merged.cases += stats.cases
                merged.outcomes.merge(stats.outcomes, uniquingKeysWith: +)
                merged.failures += stats.failures
            }
        }
        let elapsed = clock.now - begin
        let merged = results.value
        print("schema fuzz: \(merged.cases) cases in \(elapsed); outcomes: \(merged.outcomes.sorted { $0.key < $1.key })")
        XCTAssertEqual(merged.outcomes["load: loaded", default: 0] + merged.outcomes["load: refused", default: 0], Self.loadCount)
        XCTAssertEqual(merged.cases, Self.loadCount + (Self.loadCount + Self.pipelineEvery - 1) / Self.pipelineEvery)
        XCTAssertEqual(merged.failures, [], "\(merged.failures.count) failures (first 25)")
        // The mutations reach past parsing, and some damaged schemas still load and even generate.
        for outcome in ["load: loaded", "load: refused", "pipeline: generated", "pipeline: refused"] {
            XCTAssertGreaterThan(merged.outcomes[outcome] ?? 0, 0, outcome)
        }
    }

    func testHostileSchemaDocuments() {
        let documents: [(String, [UInt8])] = [
            ("10 000 [", Array(repeating: UInt8(ascii: "["), count: 10_000)),
            ("10 000 nested models", Array(("{\"models\":" + String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_001)).utf8)),
            ("1e400 status", Array(#"{"signatureVectors":{"v":{"section":"agws","input":{"a":1e400},"secret":"s","signature":"00"}}}"#.utf8)),
            ("400-digit integer", Array(("{\"sections\":{\"agws\":{\"title\":" + String(repeating: "9", count: 400) + "}}}").utf8)),
            ("invalid UTF-8 key", Array(#"{"models":{""#.utf8) + [0xED, 0xA0, 0x80] + Array(#"":{}}}"#.utf8)),
            ("BOM", [0xEF, 0xBB, 0xBF] + Array("{}".utf8)),
            ("not an object", Array("[]".utf8)),
            ("empty", []),
        ]
        var stats = Stats()
        for (name, bytes) in documents {
            let file = SchemaLoader.File(path: "Schema/hostile.json", contents: bytes)
            do {
                _ = try SchemaLoader.load([file])
                stats.count("loaded")
            } catch {
                Self.check(error, &stats, name)
                stats.count("refused")
            }
            do {
                _ = try GeneratorPipeline.run(Self.files + [file], mode: .library)
                stats.count("generated")
            } catch {
                Self.check(error, &stats, name)
                stats.count("refused")
            }
        }
        XCTAssertEqual(stats.failures, [])
        XCTAssertEqual(stats.cases, 2 * documents.count)
        XCTAssertEqual(stats.outcomes["generated"], nil, "no hostile document generates")
    }

    /// A model that contains itself by value (`struct Loop { var next: Loop }`) cannot compile, so the
    /// generator must refuse it with a diagnostic instead of writing Swift that breaks the build.
    func testSelfReferencingModelIsRefused() throws {
        // Found by this suite: a struct that contains itself (directly, or through an optional or another
        // model) does not compile, so the validator must refuse it; an array link is fine.
        let loop = GeneratorTestSupport.file(
            "Schema/loop.json",
            #"{"models":{"Loop":{"description":"x","fields":{"next":{"ref":"Hop","description":"x"}}},"Hop":{"fields":{"back":{"ref":"Loop"}}}}}"#)
        XCTAssertThrowsError(try GeneratorPipeline.run(Self.files + [loop], mode: .library)) { error in
            let failure = error as? GenerationFailed
            XCTAssertTrue(
                failure?.diagnostics.contains { $0.severity == .error && $0.message.contains("Loop → Hop → Loop") } ?? false,
                "\(error)"
            )
        }
        let tree = GeneratorTestSupport.file(
            "Schema/tree.json", #"{"models":{"Node":{"fields":{"children":{"type":"array","items":{"ref":"Node"}}}}}}"#)
        XCTAssertNoThrow(try GeneratorPipeline.run(Self.files + [tree], mode: .library))
    }
}
