import Foundation
import TarlanPayments

/// `tarlan sign SECTION [--form go|phpSample]`: the signature of a JSON object read from standard input,
/// in the section's canonical form or the one named. Prints the lowercase hex signature and nothing
/// else; any problem is one line on stderr, exit 2.
enum Sign {
    static func run(sectionName: String, form formName: String? = nil) {
        let form: CanonicalForm?
        if let formName {
            guard let named = CanonicalForm(rawValue: formName) else {
                let known = CanonicalForm.allCases.map(\.rawValue).joined(separator: ", ")
                Output.fail("tarlan sign: unknown form \"\(formName)\"; expected one of \(known)", status: 2)
            }
            form = named
        } else {
            form = nil
        }
        guard let section = SectionLookup.named(sectionName) else {
            Output.fail(
                "tarlan sign: unknown section \"\(sectionName)\"; expected one of \(SectionLookup.names)", status: 2)
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
        print(Signer.signature(for: json, secret: TarlanSecret(secret), rules: section.signing, form: form))
    }
}
