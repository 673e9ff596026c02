import Foundation
import TarlanPayments
import TarlanPaymentsMocks
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The secret never appears in any printed form of the objects that hold it or the errors they produce.
final class SecretRedactionTests: XCTestCase {
    private let secret = TarlanSecret(distinctiveSecret)
    private let base = URL(string: "https://redaction.invalid")!

    func testTheCheckItselfCanFail() {
        // Guard against a vacuous helper: a plain struct holding the text is caught.
        struct Leaky { var value = distinctiveSecret }
        XCTAssertTrue(allDescriptions(of: Leaky()).allSatisfy { $0.contains(distinctiveSecret) })
    }

    func testSecretItself() {
        assertNoSecret(in: secret)
        XCTAssertEqual(String(describing: secret), "TarlanSecret(<redacted>)")
        XCTAssertEqual(String(reflecting: secret), "TarlanSecret(<redacted>)")
        XCTAssertTrue(Mirror(reflecting: secret).children.isEmpty)
        assertNoSecret(in: [secret])
        assertNoSecret(in: Optional(secret) as Any)
    }

    func testClients() {
        let agws = AGWSClient(secret: secret, environment: .custom(base), transport: MockTransport(secret: secret))
        let acquiring = AcquiringClient(
            secret: secret, environment: .sandbox, transport: URLSessionTransport(),
            configuration: TarlanClientConfiguration(timeout: 3))
        let defaulted = AGWSClient(secret: secret)
        assertNoSecret(in: agws)
        assertNoSecret(in: acquiring)
        assertNoSecret(in: defaulted)
        // The dump still shows something useful about the client.
        var dumped = ""
        dump(agws, to: &dumped)
        XCTAssertTrue(dumped.contains("redaction.invalid"), dumped)
        XCTAssertTrue(dumped.contains("<redacted>"), dumped)
    }

    func testCore() {
        let core = TarlanClientCore(
            section: AGWSClient.section, baseURL: base, environment: "production", secret: secret,
            transport: MockTransport(secret: secret), configuration: TarlanClientConfiguration(timeout: 1))
        assertNoSecret(in: core)
        assertNoSecret(in: MockTransport(secret: secret))
    }

    func testPreparedRequest() throws {
        let prepared = try RequestBuilder.prepare(
            TarlanOperations.checkBalance, CheckBalanceRequest(agent: "daw"), baseURL: base, secret: secret)
        assertNoSecret(in: prepared)
        assertNoSecret(in: prepared.request)
    }

    func testErrorsProducedByClients() async throws {
        var errors: [TarlanError] = []
        let transports: [any HTTPTransport] = [
            MockTransport(secret: "another-secret"),
            InMemoryTransport { _ in throw URLError(.timedOut) },
            InMemoryTransport { _ in response(502, "<html>Bad Gateway</html>") },
            InMemoryTransport { _ in response(200, #"{"status":true,"result":{"balance":"abc"}}"#) },
            InMemoryTransport { _ in response(200, #"{"status":true,"result":{"error_code":8015,"message":"account doesn't exist"}}"#) },
        ]
        for transport in transports {
            let client = AGWSClient(secret: secret, environment: .custom(base), transport: transport)
            do {
                _ = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
                XCTFail("expected an error from \(transport)")
            } catch let error as TarlanError {
                errors.append(error)
            }
        }
        struct NotJSON: JSONWritable {
            func json() throws(JSONWriteError) -> JSONValue { try Double.infinity.json() }
        }
        let core = TarlanClientCore(section: AGWSClient.section, baseURL: base, secret: secret, transport: MockTransport(secret: secret))
        do {
            _ = try await core.perform(TarlanOperations.checkBalance, NotJSON(), returning: JSONValue.self)
            XCTFail("expected an invalid request")
        } catch let error as TarlanError {
            errors.append(error)
        }

        XCTAssertEqual(errors.count, 6)
        XCTAssertEqual(
            errors.map(kind), ["api", "transport", "http", "decoding", "api", "invalidRequest"])
        for error in errors {
            assertNoSecret(in: error)
            assertNoSecret(in: error as any Error)
            XCTAssertFalse(error.localizedDescription.contains(distinctiveSecret))
        }
    }

    private func kind(_ error: TarlanError) -> String {
        switch error {
        case .api: "api"
        case .http: "http"
        case .decoding: "decoding"
        case .transport: "transport"
        case .invalidRequest: "invalidRequest"
        }
    }
}
