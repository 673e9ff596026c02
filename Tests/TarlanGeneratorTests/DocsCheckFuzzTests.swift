import TarlanTestSupport
import XCTest

@testable import TarlanSchemaTools

/// Damaged pages (bit flips, cuts, inserted tokens, invalid UTF-8) never crash or hang the check:
/// each either reads, with findings, or fails with a located error.
final class DocsCheckFuzzTests: XCTestCase {
    func testDamagedSeedPagesNeverCrash() throws {
        let seeds = try DocsCheckTestSupport.seeds()
        var rng = SplitMix64(seed: 0x00C4_ECDC_0C5)
        var read = 0
        var refused = 0
        for round in 0..<600 {
            let seed = seeds[round % seeds.count]
            var bytes = Array(seed.text.utf8)
            for _ in 0..<(1 + rng.below(3)) {
                bytes = Fuzzer.mutate(bytes, Fuzzer.randomMutation(&rng), &rng)
            }
            do {
                let page = try PageReader.read(bytes, path: seed.name)
                let check = try DocsCheck.check(page, against: DocsCheckTestSupport.schema)
                read += 1
                for finding in check.findings {
                    XCTAssertTrue(finding.pointer.hasPrefix("/"), "round \(round): \(finding.pointer)")
                    XCTAssertTrue(finding.message.hasPrefix("line "), "round \(round): \(finding.message)")
                }
            } catch {
                refused += 1
                XCTAssertTrue(error.description.hasPrefix("\(seed.name):\(error.line): error: "), "round \(round): \(error)")
                XCTAssertGreaterThanOrEqual(error.line, 1)
            }
        }
        XCTAssertGreaterThan(read, 300, "most damaged pages still read (\(refused) refused)")
    }
}
