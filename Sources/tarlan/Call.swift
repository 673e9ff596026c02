import Foundation
import TarlanPayments

/// `tarlan call OPERATION`: a real, signed request through the generated client.
enum Call {
    struct Options {
        var operation: DynamicOperation
        var request: JSONValue
        var baseURL: URL
        var environment: String?
        var timeout: TimeInterval?
    }

    static func run(_ arguments: [String]) async {
        let options: Options
        do {
            options = try parse(arguments)
        } catch {
            Output.fail("tarlan call: \(error.message)", status: 64)
        }
        guard let secret = ProcessInfo.processInfo.environment["TARLAN_SECRET"], !secret.isEmpty else {
            Output.fail("tarlan call: set the signing secret in the TARLAN_SECRET environment variable", status: 64)
        }
        let core = TarlanClientCore(
            section: options.operation.descriptor.section,
            baseURL: options.baseURL,
            environment: options.environment,
            secret: TarlanSecret(secret),
            transport: URLSessionTransport(),
            configuration: TarlanClientConfiguration(timeout: options.timeout ?? 30)
        )
        do {
            let result = try await options.operation.call(core, request: options.request)
            // Card data (the schema's sensitive fields) never reaches the terminal.
            print(
                JSONPrettyPrinter.string(Redaction.redact(result, keys: options.operation.descriptor.sensitiveFields)))
        } catch let TarlanError.api(error) {
            let code = error.code.map(String.init) ?? "(none)"
            Output.fail(
                "tarlan call: API error \(code): \(error.message) (\(error.format.rawValue) format, HTTP \(error.httpStatus))",
                status: 1)
        } catch let TarlanError.invalidRequest(_, reason) {
            Output.fail("tarlan call: invalid request (not sent): \(reason)", status: 64)
        } catch let error as TarlanError where error.outcome == .unknown && !options.operation.descriptor.isIdempotent {
            // The description says "outcome unknown" and how to find out.
            Output.fail("tarlan call: \(error)", status: 3)
        } catch {
            Output.fail("tarlan call: \(error)", status: 2)
        }
    }

    struct UsageError: Error {
        var message: String
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        guard let name = arguments.first, !name.hasPrefix("-") else {
            throw UsageError(message: "name an operation (see `tarlan list`)")
        }
        guard let operation = TarlanOperations.dynamic.first(where: { $0.descriptor.id == name }) else {
            throw UsageError(message: "unknown operation \"\(name)\" (see `tarlan list`)")
        }
        var json: String?
        var baseURL: String?
        var sandbox = false
        var timeout: TimeInterval?
        var rest = arguments.dropFirst()
        while let option = rest.popFirst() {
            switch option {
            case "--sandbox":
                sandbox = true
            case "--json", "--base-url", "--timeout":
                guard let value = rest.popFirst() else { throw UsageError(message: "\(option) needs a value") }
                switch option {
                case "--json": json = value
                case "--base-url": baseURL = value
                default:
                    guard let seconds = TimeInterval(value), seconds > 0, seconds.isFinite else {
                        throw UsageError(message: "--timeout takes a positive number of seconds")
                    }
                    timeout = seconds
                }
            default:
                throw UsageError(message: "unknown option \(option)")
            }
        }
        let text = json ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let request: JSONValue
        do {
            request = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw UsageError(message: "the request is not valid JSON: \(error)")
        }
        guard request.objectValue != nil else { throw UsageError(message: "the request must be a JSON object") }

        let section = operation.descriptor.section
        let environment = sandbox ? "sandbox" : "production"
        let url: URL
        if let baseURL {
            guard let parsed = URL(string: baseURL), parsed.scheme == "https" || parsed.scheme == "http",
                parsed.host != nil
            else {
                throw UsageError(message: "--base-url must be an http(s) URL")
            }
            url = parsed
        } else {
            guard let server = section.servers[environment], let parsed = URL(string: server) else {
                throw UsageError(
                    message: "section \(section.name) has no documented \(environment) host; use --base-url")
            }
            url = parsed
        }
        return Options(
            operation: operation, request: request, baseURL: url,
            environment: baseURL == nil || sandbox ? environment : nil, timeout: timeout
        )
    }
}
