import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// The load stage reports every problem as `file:LINE:COLUMN: error: message (at /pointer)`,
/// placed on the exact schema line SwiftPM and Xcode show.
final class LoaderDiagnosticsTests: XCTestCase {
    private func load(_ text: String, path: String = "Schema/test.json") -> [Diagnostic] {
        GeneratorTestSupport.loadFailures([GeneratorTestSupport.file(path, text)])
    }

    func testMissingCommaIsInvalidJSONAtTheNextMember() throws {
        let text = """
            {
              "models": {
                "Thing": {
                  "fields": {
                    "a": { "type": "string" }
                    "b": { "type": "string" }
                  }
                }
              }
            }
            """
        let diagnostics = load(text, path: "Schema/broken.json")
        XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)")
        let diagnostic = try XCTUnwrap(diagnostics.first)
        XCTAssertEqual(diagnostic.severity, .error)
        XCTAssertEqual(diagnostic.location.file, "Schema/broken.json")
        // The parser stops where the comma should have been followed by the next member: `"b"`.
        XCTAssertEqual(diagnostic.location.line, 6)
        XCTAssertEqual(diagnostic.location.column, 9)
        // The pointer names the object the comma was missing in.
        XCTAssertEqual(diagnostic.location.pointer, "/models/Thing/fields")
        XCTAssertTrue(diagnostic.message.hasPrefix("invalid JSON: "), diagnostic.message)
        XCTAssertTrue(diagnostic.message.contains("expected ','"), diagnostic.message)
        XCTAssertTrue(
            diagnostic.description.hasPrefix("Schema/broken.json:6:9: error: invalid JSON: "), diagnostic.description
        )
        XCTAssertTrue(diagnostic.description.hasSuffix(" (at /models/Thing/fields)"), diagnostic.description)
    }

    func testUnknownFieldTypeIsReportedOnTheTypeValue() {
        let text = """
            {
              "models": {
                "Thing": {
                  "fields": {
                    "name": { "type": "strng" }
                  }
                }
              }
            }
            """
        XCTAssertEqual(
            load(text).map(\.description),
            [
                "Schema/test.json:5:27: error: unknown type \"strng\"; expected one of array, boolean, decimal, flag, integer, "
                    + "json, number, string, timestamp (or \"ref\") (at /models/Thing/fields/name/type)"
            ]
        )
    }

    /// Reported on the key's value: the parser records where each JSON pointer's value starts.
    func testUnknownKeyIsReportedOnItsLine() {
        let text = """
            {
              "models": {
                "Thing": {
                  "fields": {
                    "name": { "type": "string", "requird": true }
                  }
                }
              }
            }
            """
        let diagnostics = load(text)
        XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)")
        let description = diagnostics.first?.description ?? ""
        // The message lists every allowed key; check the part that does not grow with the format.
        XCTAssertTrue(
            description.hasPrefix("Schema/test.json:5:48: error: unknown key \"requird\" in a type; expected one of: accepts, "),
            description
        )
        XCTAssertTrue(description.contains(", required, "), description)
        XCTAssertTrue(description.hasSuffix(", type, wholeNumber (at /models/Thing/fields/name/requird)"), description)
    }

    func testWrongValueTypeIsReportedOnTheValue() {
        let text = """
            {
              "models": {
                "Thing": {
                  "fields": {
                    "name": {
                      "type": "string",
                      "required": "yes"
                    }
                  }
                }
              }
            }
            """
        XCTAssertEqual(
            load(text).map(\.description),
            [
                "Schema/test.json:7:23: error: \"required\" must be true or false, found string "
                    + "(at /models/Thing/fields/name/required)"
            ]
        )
    }

    func testMissingRequiredKeyIsReportedOnTheObject() {
        let text = """
            {
              "enums": {
                "Colour": {
                  "cases": { "red": { "value": "r" } }
                }
              }
            }
            """
        XCTAssertEqual(
            load(text).map(\.description),
            ["Schema/test.json:3:15: error: enum \"Colour\" is missing required key \"rawType\" (at /enums/Colour)"]
        )
    }

    func testNamesDefinedInTwoFilesAreRejectedInTheSecondFile() {
        let first = """
            {
              "models": {
                "Shared": { "fields": {} }
              },
              "enums": {
                "SharedEnum": { "rawType": "string", "cases": { "a": { "value": "a" } } }
              },
              "operations": {
                "sharedOperation": {
                  "section": "s", "summary": "x", "method": "POST", "path": "/a",
                  "request": { "in": "body", "model": "Shared" },
                  "response": { "result": { "type": "json" } },
                  "errorFormats": ["old"]
                }
              }
            }
            """
        let second = """
            {
              "operations": {
                "sharedOperation": {
                  "section": "s", "summary": "y", "method": "POST", "path": "/b",
                  "request": { "in": "body", "model": "Shared" },
                  "response": { "result": { "type": "json" } },
                  "errorFormats": ["old"]
                }
              },
              "models": {
                "Shared": { "fields": {} }
              },
              "enums": {
                "SharedEnum": { "rawType": "string", "cases": { "b": { "value": "b" } } }
              }
            }
            """
        // Given in reverse order: the loader reads files sorted by path, so b.json is "second" either way.
        let diagnostics = GeneratorTestSupport.loadFailures([
            GeneratorTestSupport.file("Schema/b.json", second),
            GeneratorTestSupport.file("Schema/a.json", first),
        ])
        XCTAssertEqual(
            diagnostics.map(\.description),
            [
                "Schema/b.json:3:24: error: duplicate operation \"sharedOperation\"; first defined at Schema/a.json:9 "
                    + "(at /operations/sharedOperation)",
                "Schema/b.json:11:15: error: duplicate model \"Shared\"; first defined at Schema/a.json:3 (at /models/Shared)",
                "Schema/b.json:14:19: error: duplicate enum \"SharedEnum\"; first defined at Schema/a.json:6 "
                    + "(at /enums/SharedEnum)",
            ]
        )
    }

    func testUnknownErrorFormatNameIsRejected() throws {
        let text = """
            {
              "operations": {
                "ping": {
                  "section": "s",
                  "summary": "Ping",
                  "method": "POST",
                  "path": "/ping",
                  "request": { "in": "body", "model": "Ping" },
                  "response": { "result": { "type": "json" } },
                  "errorFormats": ["old", "newest"]
                }
              }
            }
            """
        let diagnostics = load(text)
        XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)")
        let diagnostic = try XCTUnwrap(diagnostics.first)
        XCTAssertEqual(diagnostic.severity, .error)
        XCTAssertEqual(diagnostic.location.file, "Schema/test.json")
        XCTAssertEqual(diagnostic.location.line, 10)
        XCTAssertTrue(diagnostic.location.pointer.hasPrefix("/operations/ping/errorFormats"), diagnostic.location.pointer)
        XCTAssertTrue(
            diagnostic.message.hasPrefix("unknown error format \"newest\"; expected one of old, oldTree, newExpected, newUnexpected, acquiring"),
            diagnostic.message
        )
    }

    func testEveryProblemOfAFileIsReportedSortedByPosition() {
        let text = """
            {
              "models": {
                "B": { "fields": { "x": { "type": "nope" } } },
                "A": { "fields": { "y": { "type": "string", "optional": true } } }
              },
              "extra": 1
            }
            """
        let lines = load(text).map { "\($0.location.line):\($0.location.column)" }
        // Each on the offending value: "nope", the value of "optional", the value of "extra".
        XCTAssertEqual(lines, ["3:39", "4:61", "6:12"])
    }

    func testTopLevelMustBeAnObject() {
        XCTAssertEqual(
            load("[1, 2]").map(\.description),
            ["Schema/test.json:1:1: error: a schema document must be an object, found array (at /)"]
        )
    }
}
