import Foundation
import TarlanPayments

/// `tarlan demo` | `tarlan sign agws|acquiring`
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: tarlan demo                     run every operation against the built-in mock
           tarlan sign <section>           print the signature of the JSON on standard input
                                           (secret from TARLAN_SECRET; sections: \(SectionLookup.names))
    """

switch arguments.first {
case "demo" where arguments.count == 1:
    await Demo.run()
case "sign" where arguments.count == 2:
    Sign.run(sectionName: arguments[1])
case "help", "--help", "-h":
    print(usage)
default:
    Output.fail(usage, status: 64)
}
