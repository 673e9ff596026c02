import Foundation

/// `tarlan-generator generate|diff|openapi …` — each subcommand lives in its own file.
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "generate":
    GenerateCommand.run(Array(arguments.dropFirst()))
default:
    CommandLineOutput.fail(
        """
        usage: tarlan-generator generate --mode library|tests --output DIR SCHEMA.json...
        """,
        status: 64
    )
}
