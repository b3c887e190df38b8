/// The release of PollCompare (and of `pollcmp`) this build is.
///
/// ``version`` is the one place the version is written: `pollcmp --version` prints it, and a
/// release moves the changes under "Unreleased" in CHANGELOG.md to a heading with it (a test
/// checks that the changelog's newest release is this one).
public enum PollCompareRelease {
    /// The version, in Semantic Versioning form: "0.1.0".
    public static let version = "0.1.0"
}
