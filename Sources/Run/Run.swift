import Check

/// Placeholder for inbox runs.
public enum RunInfo {
    public static let name = "Run"
}
