import Foundation
import TarlanPayments

/// `tarlan sign SECTION`: the signature of a JSON object read from standard input.
/// Prints the lowercase hex signature and nothing else; any problem is one line on stderr, exit 2.
enum Sign {
    static func run(sectionName: String) {
        guard let section = SectionLookup.named(sectionName) else {
            Output.fail("tarlan sign: unknown section \"\(sectionName)\"; expected one of \(SectionLookup.names)", status: 2)
        }
        guard let secret = ProcessInfo.processInfo.environment["TARLAN_SECRET"], !secret.isEmpty else {
            Output.fail("tarlan sign: set the signing secret in the TARLAN_SECRET environment variable", status: 2)
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let json: JSONValue
        do {
            json = try JSONParser.parse(input)
        } catch {
            Output.fail("tarlan sign: invalid JSON on standard input: \(error)", status: 2)
        }
        guard json.objectValue != nil else {
            Output.fail("tarlan sign: standard input must be a JSON object, found \(json.jsonTypeName)", status: 2)
        }
        print(Signer.signature(for: json, secret: TarlanSecret(secret), rules: section.signing))
    }
}
