import Foundation
import TarlanPayments

/// `tarlan demo | list | call | verify-callback | sign` — see `Usage.text`.
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "demo" where arguments.count == 1:
    await Demo.run()
case "list" where arguments.count == 1:
    List.run(markdown: false)
case "list" where arguments == ["list", "--markdown"]:
    List.run(markdown: true)
case "call":
    await Call.run(Array(arguments.dropFirst()))
case "verify-callback":
    VerifyCallback.run(Array(arguments.dropFirst()))
case "sign" where arguments.count == 2:
    Sign.run(sectionName: arguments[1])
case "sign" where arguments.count == 4 && arguments[2] == "--form":
    Sign.run(sectionName: arguments[1], form: arguments[3])
case "help", "--help", "-h":
    print(Usage.text)
default:
    Output.fail(Usage.text, status: 64)
}
