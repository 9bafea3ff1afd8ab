import Foundation

/// The clock reports are dated by: local time with its offset (2026-03-01T02:00:00+08:00), so a run at 02:00 in
/// Beijing is not dated the day before. gapcheck.yaml's `timezone` chooses the zone; Asia/Shanghai by default.
public struct ReportClock: Sendable {
    public static let defaultIdentifier = "Asia/Shanghai"

    public let timeZone: TimeZone

    public init(timeZone: TimeZone = TimeZone(identifier: ReportClock.defaultIdentifier) ?? .current) {
        self.timeZone = timeZone
    }

    /// Nil for an identifier the system does not know, so a typo can be refused rather than silently ignored.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: zone)
    }

    public func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
