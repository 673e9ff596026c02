import Foundation
import TarlanPayments

/// Idempotency keys, as the README advises: the transaction and its status, so that a later status of
/// the same transaction is processed too. A signed callback without those fields is still accepted;
/// its key is then the exact payload, so only an identical delivery counts as a repeat.
enum IdempotencyKey {
    static func agws(_ callback: VerifiedCallback<AGWSPaymentCallback>, body: Data) -> String {
        guard let externalID = callback.payload.externalID, let status = callback.payload.statusCode?.rawValue else {
            return "agws:body:" + body.base64EncodedString()
        }
        return "agws:\(externalID):\(status)"
    }

    static func acquiringStatus(_ callback: VerifiedCallback<AcquiringPaymentStatusWebhook>, body: Data) -> String {
        guard let transactionID = callback.payload.transactionID, let status = callback.payload.statusCode?.rawValue else {
            return "acquiring-status:body:" + body.base64EncodedString()
        }
        return "acquiring-status:\(transactionID):\(status)"
    }

    /// A question rather than an event: repeats get the first answer.
    static func paymentReady(_ callback: VerifiedCallback<PaymentReadyQuery>, query: String) -> String {
        guard let order = callback.payload.projectReferenceID, let type = callback.payload.type?.rawValue else {
            return "payment-ready:query:" + query
        }
        return "payment-ready:\(order):\(type)"
    }
}
