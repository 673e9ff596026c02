import Foundation
import TarlanAsyncHTTPClient
import TarlanPayments

// `tarlan-load --url http://127.0.0.1:PORT [--transport urlsession|ahc|canned] [--calls N] [--concurrency C]`
// N balance calls, C at a time, through a generated client and the chosen transport, against a local
// server (Benchmarks/load.sh starts nginx with a canned answer). Prints calls/s, p50 and p99 latency,
// errors, and the process's resident memory: at a tenth of the calls, at the end, and its high-water mark.

let options = LoadOptions.parse(Array(CommandLine.arguments.dropFirst()))
let transport: any HTTPTransport = switch options.transport {
case "urlsession": URLSessionTransport(defaultTimeout: 30)
case "ahc": AsyncHTTPClientTransport(defaultTimeout: 30)
case "canned": CannedTransport()
default: LoadOptions.fail("unknown transport \(options.transport) (urlsession, ahc or canned)")
}
let client = AGWSClient(
    secret: TarlanSecret("load-test-secret"), environment: .custom(options.url), transport: transport,
    configuration: TarlanClientConfiguration(timeout: 30))
let report = await LoadRun(calls: options.calls, concurrency: options.concurrency) {
    _ = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
}.run()
print(report.line(transport: options.transport, calls: options.calls, concurrency: options.concurrency))
exit(report.errors == 0 ? 0 : 1)

/// No network: the canned answer at once, to tell the client's own cost (and memory) from a transport's.
struct CannedTransport: HTTPTransport {
    private static let body = Data(
        #"{"status":true,"status_code":0,"message":"Success","result":{"showcase_code":"daw","balance":1234.56}}"#.utf8)

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(statusCode: 200, headers: ["Content-Type": "application/json"], body: Self.body)
    }
}
