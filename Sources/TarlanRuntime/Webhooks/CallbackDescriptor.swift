/// A request Tarlan sends to the merchant (a webhook), as the schema describes it.
public struct CallbackDescriptor: Sendable, Hashable {
    public var id: String
    public var summary: String
    public var section: TarlanSection
    public var method: HTTPMethod
    /// `.body` for a POST JSON payload, `.query` for a GET whose query is signed as a typed object.
    public var payloadLocation: RequestLocation
    public var payloadFields: [RequestField]

    public init(
        id: String,
        summary: String,
        section: TarlanSection,
        method: HTTPMethod,
        payloadLocation: RequestLocation,
        payloadFields: [RequestField]
    ) {
        self.id = id
        self.summary = summary
        self.section = section
        self.method = method
        self.payloadLocation = payloadLocation
        self.payloadFields = payloadFields
    }
}
