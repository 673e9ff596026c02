/// How a section signs: which header, prefix, which top-level fields are left out.
///
/// Tarlan's sections differ only in these details (AGWS: `X-Signature`, no prefix; acquiring:
/// `Authorization: Bearer …`); the signing algorithm itself is shared, see `Signer`.
public struct SigningRules: Sendable, Hashable {
    /// The request header carrying the signature, e.g. "X-Signature" or "Authorization".
    public var headerName: String
    /// Put before the signature in the header, e.g. "" or "Bearer ".
    public var valuePrefix: String
    /// Top-level body fields the server leaves out of the signed object, e.g. ["additional_data"].
    public var excludedTopLevelFields: [String]
    /// Whether top-level "" values are left out of the signed object.
    public var excludesEmptyStrings: Bool

    public init(
        headerName: String, valuePrefix: String, excludedTopLevelFields: [String], excludesEmptyStrings: Bool
    ) {
        self.headerName = headerName
        self.valuePrefix = valuePrefix
        self.excludedTopLevelFields = excludedTopLevelFields
        self.excludesEmptyStrings = excludesEmptyStrings
    }
}
