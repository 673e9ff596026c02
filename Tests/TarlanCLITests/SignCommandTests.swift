import Foundation
import XCTest

/// `tarlan sign` against every signature vector of the schema (reference section 2).
final class SignCommandTests: XCTestCase {
    private struct Vector {
        var id: String
        var section: String
        var input: String
        var secret: String
        var signature: String
        var form: String?
    }

    /// Read with Foundation's JSON parser on purpose: independent of the code under test.
    private func vectors() throws -> [Vector] {
        let url = CommandRunner.packageRoot.appendingPathComponent("Schema/signature-vectors.json")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let table = try XCTUnwrap(document?["signatureVectors"] as? [String: [String: Any]])
        return try table.keys.sorted().map { id in
            let vector = table[id]!
            let input = try JSONSerialization.data(withJSONObject: try XCTUnwrap(vector["input"]))
            return Vector(
                id: id,
                section: try XCTUnwrap(vector["section"] as? String),
                input: String(decoding: input, as: UTF8.self),
                secret: try XCTUnwrap(vector["secret"] as? String),
                signature: try XCTUnwrap(vector["signature"] as? String),
                form: vector["canonicalForm"] as? String
            )
        }
    }

    func testSignMatchesEveryDocumentedVector() throws {
        let vectors = try vectors()
        XCTAssertGreaterThanOrEqual(vectors.count, 11)
        for vector in vectors {
            let result = try CommandRunner.run(
                "tarlan", ["sign", vector.section] + (vector.form.map { ["--form", $0] } ?? []), input: vector.input,
                environment: ["TARLAN_SECRET": vector.secret]
            )
            XCTAssertEqual(result.status, 0, "\(vector.id): \(result.standardError)")
            XCTAssertEqual(result.standardOutput, vector.signature + "\n", vector.id)
            XCTAssertEqual(result.standardError, "", vector.id)
        }
    }

    func testMissingSecretIsAOneLineErrorWithStatus2() throws {
        let result = try CommandRunner.run("tarlan", ["sign", "agws"], input: #"{"agent":"daw"}"#)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertEqual(result.standardError.split(separator: "\n").count, 1)
        XCTAssertTrue(result.standardError.contains("TARLAN_SECRET"))
    }

    func testInvalidJSONIsAOneLineErrorWithStatus2() throws {
        let secret = "s3cr3t-value-never-printed"
        for input in [#"{"agent":"daw""#, "", "not json", "[1,2]"] {
            let result = try CommandRunner.run("tarlan", ["sign", "acquiring"], input: input, environment: ["TARLAN_SECRET": secret])
            XCTAssertEqual(result.status, 2, input)
            XCTAssertEqual(result.standardOutput, "", input)
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, input)
            XCTAssertFalse(result.standardError.contains(secret), input)
        }
    }

    func testUnknownSectionIsRefused() throws {
        let result = try CommandRunner.run("tarlan", ["sign", "nope"], input: "{}", environment: ["TARLAN_SECRET": "x"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("agws"))
    }
}
