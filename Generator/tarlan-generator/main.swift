import Foundation
import TarlanGeneratorKit
import TarlanSchemaTools

/// `tarlan-generator generate|diff|openapi|check-docs …` — each subcommand lives in its own file.
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "generate":
    GenerateCommand.run(Array(arguments.dropFirst()))
case "diff":
    DiffCommand.run(Array(arguments.dropFirst()))
case "openapi":
    OpenAPICommand.run(Array(arguments.dropFirst()))
case "check-docs":
    CheckDocsCommand.run(Array(arguments.dropFirst()))
default:
    CommandLineOutput.fail(
        """
        usage: tarlan-generator generate --mode library|tests --output DIR SCHEMA.json...
               tarlan-generator diff OLD NEW [--format markdown|json] [--fail-on-breaking] [--verify-api]
               tarlan-generator openapi SCHEMA [--output FILE]
               tarlan-generator check-docs PAGE... [--schema DIR] [--format markdown|json] [--draft]
        """,
        status: 64
    )
}
