import Foundation
import TarlanPayments
import WebhookReceiver

// `TARLAN_SECRET=… swift run webhook-receiver [port]`: receives Tarlan's callbacks on 127.0.0.1:port (8080).
// Put it behind your HTTPS reverse proxy; give Tarlan the URLs of CallbackReceiver.Paths.

guard let secret = ProcessInfo.processInfo.environment["TARLAN_SECRET"], !secret.isEmpty else {
    FileHandle.standardError.write(Data("usage: TARLAN_SECRET=… webhook-receiver [port]\n".utf8))
    exit(2)
}
let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8080

/// Replace with your own processing: store the outcome in your database, in the same transaction as
/// the idempotency key, and ship the order.
struct LoggedPaymentEvents: PaymentEvents {
    func agwsPaymentFinished(_ callback: VerifiedCallback<AGWSPaymentCallback>) async throws {
        print("AGWS payment \(callback.payload.externalID ?? "?"): status \(callback.payload.statusCode?.rawValue ?? "?")")
    }

    func acquiringStatusChanged(_ callback: VerifiedCallback<AcquiringPaymentStatusWebhook>) async throws {
        let payload = callback.payload
        print("Acquiring transaction \(payload.transactionID.map(String.init) ?? "?"): \(payload.statusCode?.rawValue ?? "?")")
    }

    /// Declines every order: answer `isPayable: true` only for an order you created and still expect to be paid.
    func paymentReady(_ callback: VerifiedCallback<PaymentReadyQuery>) async throws -> PaymentReadyReply {
        let order = callback.payload.projectReferenceID ?? ""
        return PaymentReadyReply(id: order, isPayable: false, message: "unknown order", status: "declined")
    }
}

let receiver = CallbackReceiver(secret: TarlanSecret(secret), events: LoggedPaymentEvents())
try await receiver.makeApplication(host: "127.0.0.1", port: port).runService()
