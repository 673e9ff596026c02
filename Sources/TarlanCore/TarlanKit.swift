/// The SDK itself.
public enum TarlanKit {
    /// This build's version (semantic versioning; `-dev` until released), sent in every `User-Agent`.
    public static let version = "0.2.0-dev"
}
