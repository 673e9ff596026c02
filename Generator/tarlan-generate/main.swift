import TarlanGeneratorKit

/// The build plugin's tool: `tarlan-generate --mode library|tests|mocks --output DIR SCHEMA.json...`.
/// Generation only, so a downstream build compiles nothing else (maintainers' commands: `tarlan-generator`).
GenerateCommand.run(Array(CommandLine.arguments.dropFirst()))
