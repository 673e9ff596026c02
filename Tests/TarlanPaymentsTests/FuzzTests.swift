import Foundation
import TarlanPayments
import TarlanPaymentsMocks
import TarlanTestSupport
import TarlanTransportTesting
import XCTest

/// Seeded fuzzing of everything that reads bytes from the network: mutated versions of every
/// example of the schema (all roles) go through the response interpreter of an operation, the JSON
/// parser and the webhook verifier. Nothing may crash, and every failure must be the documented
/// typed error, carrying sane values (bounded snippets, the right operation and status, positions
/// inside the input). Reproducible: input `n` is generated from `seed + n` alone.
///
/// The schema loader is fuzzed in `TarlanGeneratorTests/SchemaFuzzTests.swift`.
final class FuzzTests: XCTestCase {
    private static let secret = TarlanSecret("fuzz-secret")
    private static let seed: UInt64 = 0x7A71_A9F0_2024_0005
    /// Inputs in the regular run; each is fed to three targets.
    private static let inputCount = 34_000
    private static let verifier = WebhookVerifier(secret: secret)

    /// What a run did; merged across workers.
    private struct Stats {
        var cases = 0
        var inputs = 0
        var outcomes: [String: Int] = [:]
        var failures: [String] = []

        mutating func count(_ outcome: String) {
            cases += 1
            outcomes[outcome, default: 0] += 1
        }

        mutating func fail(_ message: String) {
            if failures.count < 25 { failures.append(message) }
        }

        mutating func merge(_ other: Stats) {
            cases += other.cases
            inputs += other.inputs
            outcomes.merge(other.outcomes, uniquingKeysWith: +)
            failures += other.failures.prefix(max(0, 25 - failures.count))
        }
    }

    private struct Seed {
        var example: OperationExample
        var bytes: [UInt8]
        var operation: DynamicOperation?
        var callback: DynamicCallback?
    }

    private static let seeds: [Seed] = TarlanExamples.all.map { example in
        Seed(
            example: example, bytes: Array(example.json.utf8),
            operation: TarlanOperations.dynamic.first { $0.descriptor.id == example.operationID },
            callback: TarlanCallbacks.dynamic.first { $0.descriptor.id == example.operationID })
    }

    private static func isBounded(_ snippet: String) -> Bool {
        snippet.count <= BodySnippet.limit || (snippet.count == BodySnippet.limit + 1 && snippet.hasSuffix("…"))
    }

    // MARK: Targets

    /// (a) The response interpreter, through the operation's generated result type.
    private static func interpret(_ bytes: [UInt8], _ operation: DynamicOperation, status: Int, _ stats: inout Stats, _ label: String) {
        let id = operation.descriptor.id
        do {
            // `decodeResponse` throws `TarlanError` only (typed throws): the type is checked by the compiler.
            let result = try operation.decodeResponse(HTTPResponse(statusCode: status, body: Data(bytes)))
            _ = CanonicalJSON.encode(result)
            if !(200..<300).contains(status) { stats.fail("\(label): decoded a result from HTTP \(status)") }
            stats.count("interpreter: decoded")
        } catch {
            switch error {
            case .http(let failure):
                if failure.operationID != id || failure.httpStatus != status || !isBounded(failure.bodySnippet) {
                    stats.fail("\(label): bad HTTP failure \(failure)")
                }
                stats.count("interpreter: http")
            case .decoding(let failure):
                if failure.operationID != id || failure.httpStatus != status || !isBounded(failure.bodySnippet)
                    || !(200..<300).contains(status)
                {
                    stats.fail("\(label): bad decoding failure \(failure)")
                }
                stats.count("interpreter: decoding")
            case .api(let apiError):
                if apiError.operationID != id || apiError.httpStatus != status
                    || !apiError.format.isOne(of: operation.descriptor.errorFormats, status: status)
                {
                    stats.fail("\(label): bad API error \(apiError)")
                }
                stats.count("interpreter: api")
            case .transport, .invalidRequest:
                stats.fail("\(label): interpreting a response gave \(error)")
            }
        }
    }

    /// (b) The JSON parser: a value that round-trips through canonical JSON, or an error inside the input.
    private static func parse(_ bytes: [UInt8], lenient: Bool, _ stats: inout Stats, _ label: String) {
        let options = lenient ? JSONParser.Options(maxDepth: 64, duplicateKeys: .lastWins) : JSONParser.Options()
        do {
            let value = try JSONParser.parse(bytes, options: options)
            let again = try? JSONParser.parse(CanonicalJSON.encode(value), options: options)
            if again != value { stats.fail("\(label): canonical JSON does not round-trip: \(CanonicalJSON.string(value).prefix(200))") }
            stats.count("parser: value")
        } catch {
            // Typed throws: `error` is a JSONParseError.
            if error.offset < 0 || error.offset > bytes.count || error.line < 1 || error.column < 1 || error.message.isEmpty {
                stats.fail("\(label): parse error out of the input: \(error)")
            }
            stats.count("parser: error")
        }
    }

    private enum Header: CaseIterable {
        case valid, seedSignature, missing, empty, garbage
    }

    /// (c) The webhook verifier: only a valid signature may ever be accepted, and every refusal is a `WebhookError`.
    private static func verify(
        _ bytes: [UInt8], _ seedBytes: [UInt8], _ callback: DynamicCallback, header kind: Header, _ stats: inout Stats, _ label: String
    ) {
        let descriptor = callback.descriptor
        let rules = descriptor.section.signing
        let base = "https://merchant.example/callback?"
        /// What the verifier will check the signature against, for `bytes` as they arrive.
        func signedValue(_ bytes: [UInt8], input: [UInt8]) -> JSONValue? {
            switch descriptor.payloadLocation {
            case .body: try? JSONParser.parse(bytes, options: JSONParser.Options(maxDepth: 64, duplicateKeys: .reject))
            case .query: URL(string: String(decoding: input, as: UTF8.self)).map { QueryTyping.object(from: $0, fields: descriptor.payloadFields) }
            }
        }
        func arriving(_ bytes: [UInt8]) -> [UInt8] {
            switch descriptor.payloadLocation {
            case .body: return bytes
            case .query:
                // A GET callback arrives as a URL: the mutated object as its query, or the mutated bytes raw.
                if let object = (try? JSONParser.parse(bytes))?.objectValue {
                    return Array((base + RequestBuilder.queryString(object)).utf8)
                }
                return Array(base.utf8) + bytes
            }
        }
        let input = arriving(bytes)
        let header: String?
        switch kind {
        case .valid:
            header = signedValue(bytes, input: input).map { Signer.headerValue(for: $0, secret: secret, rules: rules) } ?? "0"
        case .seedSignature:
            header = signedValue(seedBytes, input: arriving(seedBytes)).map { Signer.headerValue(for: $0, secret: secret, rules: rules) } ?? "0"
        case .missing: header = nil
        case .empty: header = "  "
        case .garbage: header = rules.valuePrefix + String(repeating: "ab", count: 32)
        }
        do {
            let payload = try callback.verify(verifier, input: Data(input), signatureHeader: header)
            _ = CanonicalJSON.encode(payload.payload)
            if kind != .valid && kind != .seedSignature { stats.fail("\(label): accepted with a \(kind) signature") }
            stats.count("webhook: verified")
        } catch {
            // Typed throws: the compiler guarantees `error` is a WebhookError.
            switch error {
            case .missingSignature where kind != .missing && kind != .empty:
                stats.fail("\(label): \(kind) header reported missing")
            case .invalidSignature where kind == .valid:
                // Signed over exactly what arrived: only a body that is not a JSON object may be refused.
                stats.fail("\(label): a correctly signed callback was refused")
            default: break
            }
            stats.count("webhook: \(error.caseName)")
        }
    }

    // MARK: Runs

    /// Input `index`: a seeded mutation of one example, through all three targets.
    private static func run(_ index: Int, _ stats: inout Stats) {
        var rng = SplitMix64(seed: seed &+ UInt64(index))
        let source = seeds[index % seeds.count]
        let mutation = Fuzzer.randomMutation(&rng)
        let bytes = Fuzzer.mutate(source.bytes, mutation, &rng)
        let label = "input #\(index) (\(mutation) of \(source.example.operationID)/\(source.example.name))"
        stats.inputs += 1

        let operation = source.operation ?? TarlanOperations.dynamic[rng.below(TarlanOperations.dynamic.count)]
        let statuses = [200, 200, 200, 200, 201, 400, 404, 500, 502, 302]
        interpret(bytes, operation, status: statuses[rng.below(statuses.count)], &stats, label)

        parse(bytes, lenient: index % 2 == 1, &stats, label)

        let callback = source.callback ?? TarlanCallbacks.dynamic[rng.below(TarlanCallbacks.dynamic.count)]
        let headers: [Header] = [.valid, .valid, .valid, .valid, .seedSignature, .missing, .empty, .garbage]
        verify(bytes, source.bytes, callback, header: headers[rng.below(headers.count)], &stats, label)
    }

    func testMutatedExamplesNeverCrashAndFailOnlyWithTypedErrors() {
        XCTAssertGreaterThanOrEqual(Self.seeds.count, 50, "every example of the schema is a seed")
        let workers = 8
        let merged = Locked(Stats())
        let clock = ContinuousClock()
        let begin = clock.now
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var stats = Stats()
            for index in stride(from: worker, to: Self.inputCount, by: workers) {
                Self.run(index, &stats)
            }
            merged.update { $0.merge(stats) }
        }
        let elapsed = clock.now - begin
        let stats = merged.value
        print("fuzz: \(stats.inputs) inputs, \(stats.cases) cases in \(elapsed); outcomes: \(stats.outcomes.sorted { $0.key < $1.key })")
        XCTAssertEqual(stats.inputs, Self.inputCount)
        XCTAssertEqual(stats.cases, 3 * Self.inputCount)
        XCTAssertGreaterThanOrEqual(stats.cases, 100_000)
        XCTAssertEqual(stats.failures, [], "\(stats.failures.count) failures (first 25)")
        // Every target saw both outcomes: the mutations reach past the first check of each.
        for outcome in ["interpreter: decoded", "interpreter: http", "interpreter: decoding", "interpreter: api", "parser: value", "parser: error",
                        "webhook: verified", "webhook: invalidSignature", "webhook: malformedBody", "webhook: missingSignature"] {
            XCTAssertGreaterThan(stats.outcomes[outcome] ?? 0, 0, outcome)
        }
    }

    /// The same run is the same run: the seed alone decides every input.
    func testRunsAreDeterministic() {
        var first = Stats()
        var second = Stats()
        for index in 0..<300 { Self.run(index, &first) }
        for index in 0..<300 { Self.run(index, &second) }
        XCTAssertEqual(first.outcomes, second.outcomes)
        XCTAssertEqual(first.cases, 900)
    }

    /// The unmutated examples behave as documented, so the targets above are wired correctly.
    func testUnmutatedExamplesBehaveAsDocumented() throws {
        var checked = 0
        for seed in Self.seeds {
            let label = "\(seed.example.operationID)/\(seed.example.name)"
            XCTAssertNoThrow(try JSONParser.parse(seed.bytes), label)
            switch seed.example.role {
            case .success:
                let operation = try XCTUnwrap(seed.operation, label)
                XCTAssertNoThrow(try operation.decodeResponse(HTTPResponse(statusCode: seed.example.httpStatus ?? 200, body: Data(seed.bytes))), label)
                checked += 1
            case .apiError:
                let operation = try XCTUnwrap(seed.operation, label)
                let error = tarlanError(try operation.decodeResponse(HTTPResponse(statusCode: seed.example.httpStatus ?? 200, body: Data(seed.bytes))))
                XCTAssertNotNil(error?.apiError, "\(label): \(String(describing: error))")
                checked += 1
            case .payload:
                let callback = try XCTUnwrap(seed.callback, label)
                var stats = Stats()
                Self.verify(seed.bytes, seed.bytes, callback, header: .valid, &stats, label)
                XCTAssertEqual(stats.outcomes, ["webhook: verified": 1], label)
                Self.verify(seed.bytes, seed.bytes, callback, header: .garbage, &stats, label)
                XCTAssertEqual(stats.outcomes["webhook: invalidSignature"], 1, label)
                XCTAssertEqual(stats.failures, [], label)
                checked += 1
            case .request, .reply:
                break
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 40)
    }

    /// Date-times from hostile text: `TarlanTimestamp.date` never traps, and a date it finds survives
    /// being written back (UTC, whole seconds) and read again.
    func testTimestampsFromMutatedText() {
        let seeds = ["2023-10-04T10:05:02.93843Z", "2024-08-02T12:24:07+05:00", "2022-12-01 15:45:00z", "0000-03-01T00:00:00-23:59",
                     "9999-12-31T23:59:60." + String(repeating: "9", count: 500) + "+00:00", "2024-02-29T00:00:00Z"].map { Array($0.utf8) }
        var parsed = 0
        var cases = 0
        for index in 0..<6_000 {
            var rng = SplitMix64(seed: Self.seed ^ 0x7157 &+ UInt64(index))
            let seed = seeds[index % seeds.count]
            let mutations: [Mutation] = [.bitFlip, .byteReplace, .truncate, .insertRandom, .deleteRange, .duplicateRange, .invalidUTF8]
            let bytes = index < seeds.count ? seed : Fuzzer.mutate(seed, mutations[rng.below(mutations.count)], &rng)
            let text = String(decoding: bytes, as: UTF8.self)
            cases += 1
            guard let date = TarlanTimestamp(text).date else { continue }
            parsed += 1
            let whole = date.timeIntervalSince1970.rounded(.down)
            // RFC 3339 has four-digit years: an offset or a leap second can push a date just outside them.
            guard (-62_167_219_200..<253_402_300_800).contains(whole) else { continue }
            XCTAssertEqual(TarlanTimestamp(date)?.date?.timeIntervalSince1970, whole, text)
        }
        XCTAssertEqual(cases, 6_000)
        XCTAssertGreaterThanOrEqual(parsed, seeds.count, "the unmutated seeds parse")
    }

    /// Hand-made hostile inputs through every target: nesting far past any limit, numbers no
    /// `Double` holds, invalid UTF-8, huge strings.
    func testHostileCorpus() {
        var corpus: [(String, [UInt8])] = [
            ("10 000 [", Array(repeating: UInt8(ascii: "["), count: 10_000)),
            ("10 000 [ closed", Array(repeating: UInt8(ascii: "["), count: 10_000) + Array(repeating: UInt8(ascii: "]"), count: 10_000)),
            ("100 000 {\"a\":", Array(String(repeating: #"{"a":"#, count: 100_000).utf8)),
            ("deep result", Array((#"{"status":true,"result":"# + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "}").utf8)),
            ("1e400", Array(#"{"status":true,"result":{"balance":1e400,"amount":1e400}}"#.utf8)),
            ("-1e400", Array(#"{"status":true,"result":{"amount":-1e400}}"#.utf8)),
            ("400 digits", Array((#"{"status":true,"status_code":"# + String(repeating: "9", count: 400) + #","result":{"id":"# + String(repeating: "1", count: 400) + "}}").utf8)),
            ("1e-400", Array(#"{"status":true,"result":{"amount":1e-400,"id":1e-400}}"#.utf8)),
            ("huge status code", Array(#"{"status":false,"status_code":1e300,"message":"x","result":{}}"#.utf8)),
            ("huge error code", Array(#"{"status":true,"result":{"error_code":-1e300,"message":"x"}}"#.utf8)),
            ("string error code", Array(#"{"status":true,"result":{"error_code":"99999999999999999999999","message":"x"}}"#.utf8)),
            ("lone surrogate", Array(#"{"status":true,"result":{"message":"\ud800"}}"#.utf8)),
            ("NUL escape", Array(#"{"status":true,"result":{"message":"a\u0000b","showcase_code":"\u0000"}}"#.utf8)),
            ("BOM", [0xEF, 0xBB, 0xBF] + Array(#"{"status":true,"result":{}}"#.utf8)),
            ("200 KB string", Array((#"{"status":true,"result":{"message":""# + String(repeating: "é", count: 100_000) + #""}}"#).utf8)),
            ("5 000 members", Array(("{" + (0..<5_000).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}").utf8)),
            ("empty", []),
            ("whitespace", Array(" \n\t\r ".utf8)),
        ]
        for sequence in Fuzzer.invalidUTF8 {
            corpus.append(("invalid UTF-8 \(sequence)", Array(#"{"status":true,"result":{"message":""#.utf8) + sequence + Array(#""}}"#.utf8)))
        }
        var stats = Stats()
        for (name, bytes) in corpus {
            // Big inputs through two operations (an object and an array result), small ones through all of them.
            let big = bytes.count > 4096
            let operations = big ? TarlanOperations.dynamic.filter { ["getTransactionStatus", "listCards"].contains($0.descriptor.id) } : TarlanOperations.dynamic
            for operation in operations {
                for status in big ? [200] : [200, 500] {
                    Self.interpret(bytes, operation, status: status, &stats, "\(name) → \(operation.descriptor.id)")
                }
            }
            Self.parse(bytes, lenient: false, &stats, name)
            Self.parse(bytes, lenient: true, &stats, name)
            let callbacks = bytes.count > 4096
                ? [TarlanCallbacks.dynamic.first { $0.descriptor.payloadLocation == .body }, TarlanCallbacks.dynamic.first { $0.descriptor.payloadLocation == .query }].compactMap { $0 }
                : TarlanCallbacks.dynamic
            for callback in callbacks {
                Self.verify(bytes, bytes, callback, header: .valid, &stats, "\(name) → \(callback.descriptor.id)")
            }
        }
        XCTAssertEqual(stats.failures, [])
        // Nothing past the parser's limits, and nothing outside UTF-8 or Double, is ever read as a value.
        for (name, bytes) in corpus where name.hasPrefix("10 000 [") || name.hasPrefix("100 000") || name.contains("1e400")
            || name == "400 digits" || name.hasPrefix("invalid UTF-8") || name == "lone surrogate" || name == "BOM" || name == "deep result"
        {
            XCTAssertThrowsError(try JSONParser.parse(bytes), name)
        }
    }
}

extension ErrorFormat {
    /// Whether an API error in this format fits an operation listing `formats` at `status`.
    fileprivate func isOne(of formats: Set<ErrorFormat>, status: Int) -> Bool {
        switch self {
        case .acquiring: formats.contains(.acquiring)
        case .newExpected: formats.contains(.newExpected)
        case .oldTree: formats.contains(.oldTree)
        case .newUnexpected: formats.contains(.newUnexpected) && status >= 400
        // The fallback for any `status: false` body outside Acquiring, whatever the operation lists.
        case .old: !formats.contains(.acquiring)
        }
    }
}

extension WebhookError {
    fileprivate var caseName: String {
        switch self {
        case .missingSignature: "missingSignature"
        case .invalidSignature: "invalidSignature"
        case .bodyTooLarge: "bodyTooLarge"
        case .malformedBody: "malformedBody"
        }
    }
}
