import DocumentModel

/// Where on its page a line sits.
public enum PageBand: Sendable {
    case top, middle, bottom
}

public struct BandLine: Sendable {
    public var text: String
    public var band: PageBand

    public init(text: String, band: PageBand) {
        self.text = text
        self.band = band
    }
}

/// Finds running headers, footers and page numbers: lines repeated in the top or bottom band of most pages. Such a
/// line (e.g. a running title "…密码应用方案") is never evidence that a section exists.
public enum RunningHeaders {
    /// The comparison key: normalised, with every run of digits folded to "#" so "第 3 页" matches "第 4 页".
    public static func key(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inDigits = false
        for scalar in TextNormalizer.matchKey(text).unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if !inDigits { out.append("#") }
                inDigits = true
            } else {
                out.append(scalar)
                inDigits = false
            }
        }
        return String(out)
    }

    static let pageNumberKeys: Set<String> = [
        "#", "第#页", "第#页共#页", "第#页,共#页", "共#页第#页", "#/#", "page#", "page#of#", "p#", "第#頁",
    ]

    /// "3", "- 3 -", "第 3 页", "第3页 共10页", "3/10", "Page 3", "iv".
    public static func isPageNumber(_ text: String) -> Bool {
        var stripped = String.UnicodeScalarView()
        for scalar in key(text).unicodeScalars where !" -—–_·•()（）[]【】〔〕".unicodeScalars.contains(scalar) {
            stripped.append(scalar)
        }
        let s = String(stripped)
        if pageNumberKeys.contains(s) { return true }
        return !s.isEmpty && s.count <= 6 && s.allSatisfy { "ivxlc".contains($0) }
    }

    /// Parts for each line of each page: `.header` / `.footer` for running lines and page numbers, nil for the rest.
    /// A line counts as running when its key appears in the same band on at least half of the pages and on three.
    public static func detect(pages: [[BandLine]]) -> [[DocumentPart?]] {
        var pagesWithKey: [PageBandKey: Int] = [:]
        var keys: [[String?]] = []
        keys.reserveCapacity(pages.count)
        for lines in pages {
            var pageKeys: [String?] = []
            var seen: Set<PageBandKey> = []
            for line in lines {
                guard line.band != .middle else {
                    pageKeys.append(nil)
                    continue
                }
                let k = key(line.text)
                pageKeys.append(k)
                let bandKey = PageBandKey(top: line.band == .top, key: k)
                if seen.insert(bandKey).inserted { pagesWithKey[bandKey, default: 0] += 1 }
            }
            keys.append(pageKeys)
        }
        let threshold = max(3, (pages.count + 1) / 2)
        var result: [[DocumentPart?]] = []
        result.reserveCapacity(pages.count)
        for (p, lines) in pages.enumerated() {
            var parts: [DocumentPart?] = []
            parts.reserveCapacity(lines.count)
            for (i, line) in lines.enumerated() {
                guard let k = keys[p][i], !k.isEmpty else {
                    parts.append(nil)
                    continue
                }
                let top = line.band == .top
                let repeated = (pagesWithKey[PageBandKey(top: top, key: k)] ?? 0) >= threshold
                if repeated || isPageNumber(line.text) {
                    parts.append(top ? .header : .footer)
                } else {
                    parts.append(nil)
                }
            }
            result.append(parts)
        }
        return result
    }

    struct PageBandKey: Hashable {
        var top: Bool
        var key: String
    }
}
