import Check
import Foundation
import Testing

@Suite struct ReportClockTests {
    /// 18:00 UTC on 28 February is 02:00 on 1 March in Beijing: the report carries the local date.
    @Test func datesInBeijingTimeWithItsOffset() {
        let instant = Date(timeIntervalSince1970: 1_772_301_600)  // 2026-02-28T18:00:00Z
        #expect(ReportClock().stamp(instant) == "2026-03-01T02:00:00+08:00")
        #expect(ReportClock(identifier: "UTC")?.stamp(instant) == "2026-02-28T18:00:00Z")
    }

    @Test func unknownZoneIsNil() {
        #expect(ReportClock(identifier: "Nowhere/Atlantis") == nil)
    }
}
