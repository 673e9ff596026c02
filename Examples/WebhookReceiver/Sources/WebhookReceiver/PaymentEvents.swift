import TarlanPayments

/// What the merchant does with a verified callback. Each method is called once per idempotency key;
/// throwing makes the receiver answer 500, so Tarlan delivers the callback again later.
public protocol PaymentEvents: Sendable {
    /// AGWS Payment System Callback: the outcome of a `makePayment`.
    func agwsPaymentFinished(_ callback: VerifiedCallback<AGWSPaymentCallback>) async throws
    /// Acquiring Payment Status webhook: a transaction completed.
    func acquiringStatusChanged(_ callback: VerifiedCallback<AcquiringPaymentStatusWebhook>) async throws
    /// Acquiring Payment ready to be made: may this order be paid now? (`isPayable: true` allows it.)
    func paymentReady(_ callback: VerifiedCallback<PaymentReadyQuery>) async throws -> PaymentReadyReply
}
