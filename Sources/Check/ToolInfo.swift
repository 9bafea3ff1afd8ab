/// The tool's name and version, shown in `--version` and in every report format that has a place for it.
public enum ToolInfo {
    public static let name = "gapcheck"
    public static let version = "0.1.0"
    /// Where the man page and README put the documentation; SARIF wants an absolute URI for the tool.
    public static let informationURI = "https://gapcheck.invalid/docs/usage"

    /// `gapcheck 0.1.0`: what a report shows about what produced it.
    public static func line(_ tool: ToolRef) -> String {
        "\(tool.name) \(tool.version)"
    }
}
