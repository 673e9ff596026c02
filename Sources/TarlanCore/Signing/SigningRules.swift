/// How a section signs: which header, prefix, which top-level fields are left out.
///
/// Tarlan's sections differ only in these details (AGWS: `X-Signature`, no prefix; acquiring:
/// `Authorization: Bearer …`); the signing algorithm itself is shared, see `Signer`.
package struct SigningRules: Sendable, Hashable {
    /// The request header carrying the signature, e.g. "X-Signature" or "Authorization".
    package var headerName: String
    /// Put before the signature in the header, e.g. "" or "Bearer ".
    package var valuePrefix: String
    /// Top-level body fields the server leaves out of the signed object, e.g. ["additional_data"].
    package var excludedTopLevelFields: [String]
    /// Whether top-level "" values are left out of the signed object.
    package var excludesEmptyStrings: Bool
    /// How the signed object is serialised before hashing (and on the wire).
    package var canonicalForm: CanonicalForm

    package init(
        headerName: String, valuePrefix: String, excludedTopLevelFields: [String], excludesEmptyStrings: Bool,
        canonicalForm: CanonicalForm = .go
    ) {
        self.headerName = headerName
        self.valuePrefix = valuePrefix
        self.excludedTopLevelFields = excludedTopLevelFields
        self.excludesEmptyStrings = excludesEmptyStrings
        self.canonicalForm = canonicalForm
    }
}

/// The JSON text a signature is computed over. The documentation's samples disagree (reference §2.3),
/// so each section names its form in the schema.
public enum CanonicalForm: String, Sendable, Hashable, CaseIterable {
    /// Go's `encoding/json` after decoding into `map[string]interface{}`: keys sorted at every level,
    /// `<`, `>`, `&` escaped, other non-ASCII raw, numbers as Go formats a `float64`.
    case go
    /// The Acquiring signature page's PHP sample: `ksort` of the top level, then `json_encode` with
    /// `JSON_UNESCAPED_SLASHES`: non-ASCII as `\uXXXX`, `<`, `>`, `&`, `/` raw, PHP's numbers.
    case phpSample
}
