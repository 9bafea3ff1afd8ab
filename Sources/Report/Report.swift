import Check

/// Placeholder for the report writers.
public enum ReportInfo {
    public static let name = "Report"
}
