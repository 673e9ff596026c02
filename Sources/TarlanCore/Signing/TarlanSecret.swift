/// The merchant's signing secret; never printed.
///
/// Every textual form (`description`, `debugDescription`, `dump`, mirrors) is redacted, so a
/// secret that ends up in a log line, an error or a debugger shows nothing useful.
///
/// Not a string literal on purpose: a secret belongs in the server's environment or secret store,
/// never in source code or an app binary. Read it at startup: `TarlanSecret(secretFromEnvironment)`.
public struct TarlanSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret itself: visible to this package's code (signing), never to its clients.
    package let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// An empty secret means "not configured"; signing with it proves nothing.
    package var isEmpty: Bool {
        value.isEmpty
    }

    public var description: String {
        "TarlanSecret(<redacted>)"
    }

    public var debugDescription: String {
        description
    }

    /// No children, so `dump` and debuggers cannot reach the stored value.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }
}
