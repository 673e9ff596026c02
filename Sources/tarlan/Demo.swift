import Foundation
import TarlanPayments

/// `tarlan demo`: every operation, end to end, against ``MockTransport``: no network, no credentials.
enum Demo {
    /// The documentation's example secret; the mock checks signatures against it.
    static let secret: TarlanSecret = "12345"

    static func run() async {
        let transport = MockTransport(secret: secret)
        var failures = 0
        for operation in TarlanOperations.dynamic {
            let descriptor = operation.descriptor
            print("== \(descriptor.id): \(descriptor.summary) [\(descriptor.section.name)]")
            guard let example = TarlanExamples.all.first(where: { $0.operationID == descriptor.id && $0.role == .request }),
                let request = try? JSONParser.parse(Array(example.json.utf8))
            else {
                print("   (the schema has no request example)\n")
                continue
            }
            let core = TarlanClientCore(
                section: descriptor.section,
                baseURL: URL(string: "https://mock.tarlanpayments.invalid")!,
                secret: secret,
                transport: transport,
                configuration: TarlanClientConfiguration(middlewares: [PrintingMiddleware()])
            )
            do {
                let result = try await operation.call(core, request: request)
                print("-> decoded result:")
                print(indented(JSONPrettyPrinter.string(result)))
            } catch {
                failures += 1
                print("-> error: \(error)")
            }
            print("")
        }
        print(failures == 0 ? "All \(TarlanOperations.dynamic.count) operations succeeded." : "\(failures) operation(s) failed.")
        if failures > 0 { exit(1) }
    }

    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }
}

/// Prints each request and the raw response status as the client sends and receives them.
struct PrintingMiddleware: TarlanMiddleware {
    func intercept(
        _ request: HTTPRequest,
        operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        print("-> \(request.method.rawValue) \(request.url.absoluteString)")
        for (name, value) in request.headers {
            print("   \(name): \(value)")
        }
        if let body = request.body {
            print("   body: \(String(decoding: body, as: UTF8.self))")
        }
        let response = try await next(request)
        print("<- HTTP \(response.statusCode), \(response.body.count) bytes")
        return response
    }
}
