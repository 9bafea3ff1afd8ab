import Checklists
import Check
import DocumentModel
import Foundation

/// What changed in a project's gaps since the previous run; shown in its report and in the batch index.
public struct ReportDiff: Codable, Sendable, Hashable {
    public struct Item: Codable, Sendable, Hashable {
        public var requirement: String
        public var title: String

        public init(requirement: String, title: String) {
            self.requirement = requirement
            self.title = title
        }
    }

    /// Id of the run compared against; nil on a project's first run.
    public var previousRun: String?
    public var newGaps: [Item]
    public var resolvedGaps: [Item]

    public init(previousRun: String?, newGaps: [Item], resolvedGaps: [Item]) {
        self.previousRun = previousRun
        self.newGaps = newGaps
        self.resolvedGaps = resolvedGaps
    }

    /// Compares the gaps (partial or missing) of two reports' findings.
    public static func between(previous: [Finding]?, current: [Finding], previousRun: String?) -> ReportDiff {
        guard let previous else { return ReportDiff(previousRun: nil, newGaps: [], resolvedGaps: []) }
        let before = Set(previous.filter { $0.status.isGap }.map(\.requirement))
        let after = Set(current.filter { $0.status.isGap }.map(\.requirement))
        let titles = Dictionary(
            (previous + current).map { ($0.requirement, $0.title) }, uniquingKeysWith: { _, new in new })
        let newGaps = after.subtracting(before).sorted().map { Item(requirement: $0, title: titles[$0] ?? $0) }
        let resolved = before.subtracting(after).sorted().map { Item(requirement: $0, title: titles[$0] ?? $0) }
        return ReportDiff(previousRun: previousRun, newGaps: newGaps, resolvedGaps: resolved)
    }
}

/// Wording and ordering shared by every report format.
enum ReportText {
    /// Gaps first (missing, then partial), then what could not be checked, then met, then not applicable.
    static let statusOrder: [RequirementStatus] = [.missing, .partial, .notChecked, .met, .notApplicable]

    static func statusRank(_ status: RequirementStatus) -> Int { statusOrder.firstIndex(of: status) ?? 99 }

    /// Findings grouped by stage (pipeline order), each group sorted by status (gaps first), then severity, then id.
    static func groupedFindings(_ findings: [Finding]) -> [(stage: Stage, findings: [Finding])] {
        let stages = Set(findings.map(\.stage)).sorted()
        return stages.map { stage in
            let group = findings.filter { $0.stage == stage }.sorted {
                if statusRank($0.status) != statusRank($1.status) { return statusRank($0.status) < statusRank($1.status) }
                if $0.severity != $1.severity { return $0.severity < $1.severity }
                return $0.requirement < $1.requirement
            }
            return (stage, group)
        }
    }

    /// The order a reviewer works in: must-gaps (missing, then partial), should-gaps, info-gaps, what could not be
    /// checked, met, not applicable; then stage, then id.
    static func reviewRank(_ f: Finding) -> Int {
        switch f.status {
        case .missing, .partial:
            let severity = Severity.allCases.firstIndex(of: f.severity) ?? 2
            return severity * 2 + (f.status == .missing ? 0 : 1)
        case .notChecked: return 6
        case .met: return 7
        case .notApplicable: return 8
        }
    }

    static func reviewOrder(_ findings: [Finding]) -> [Finding] {
        findings.sorted {
            let a = reviewRank($0), b = reviewRank($1)
            if a != b { return a < b }
            if $0.stage != $1.stage { return $0.stage < $1.stage }
            return $0.requirement < $1.requirement
        }
    }

    /// Gaps of must-items, in review order: the 需补正清单.
    static func mustGaps(_ findings: [Finding]) -> [Finding] {
        reviewOrder(findings).filter { $0.severity == .must && $0.status.isGap }
    }

    /// Where the evidence is, or, for a gap without evidence, which of the project's readable documents were
    /// searched.
    static func whereText(_ f: Finding, documents: [DocumentReport]) -> String {
        if !f.evidence.isEmpty { return f.evidence.map(evidenceLocation).joined(separator: "；") }
        let searched = documents.filter { $0.error == nil }.map(\.path)
        if searched.isEmpty { return "没有可读取的项目文件" }
        return "在以下文件中均未找到：" + searched.joined(separator: "、")
    }

    /// Every regulation the findings rest on, the checklist's own first.
    static func regulations(_ report: ProjectReport) -> [String] {
        var seen = [regulationLine(report.project.checklist)]
        for f in report.findings where !seen.contains(f.basis.regulation) && !f.basis.regulation.isEmpty {
            seen.append(f.basis.regulation)
        }
        return seen
    }

    static func jurisdictionText(_ p: ProjectInfo) -> String {
        p.jurisdictionName.isEmpty ? p.jurisdiction : "\(p.jurisdictionName)（\(p.jurisdiction)）"
    }

    /// 总投资 with where it was taken from, or nil when no figure was found.
    static func investmentText(_ p: ProjectInfo) -> String? {
        guard let fact = p.facts.first(where: { $0.key == .totalInvestment }) else { return nil }
        var text = "\(factValue(fact))（来源：\(factSource(fact.source))"
        if let ev = fact.evidence { text += "，\(evidenceLocation(ev))" }
        return text + "）"
    }

    static func regulationLine(_ ref: ChecklistRef) -> String {
        var line = ref.regulation.isEmpty ? "（未指明）" : "《\(ref.regulation)》"
        if let number = ref.number, !number.isEmpty { line += "（\(number)）" }
        return line
    }

    /// A warning about the regulation's validity, or nil when it is in force.
    static func validityWarning(_ ref: ChecklistRef) -> String? {
        switch ref.status {
        case .inForce: return nil
        case .expired:
            let when = ref.expires.map { "（已于 \($0) 失效）" } ?? ""
            return "注意：所依据的规定已失效\(when)，检查结果仅供参考，请核实现行有效的规定。"
        case .draft:
            return "注意：所依据的规定为征求意见稿，尚未正式施行，检查结果仅供参考。"
        case .guideline:
            return "注意：所依据的是审查细则或评审要点，不是正式发布的管理办法，检查结果仅供参考。"
        }
    }

    static func validityName(_ status: RegulationStatus) -> String {
        switch status {
        case .inForce: return "现行有效"
        case .expired: return "已失效"
        case .draft: return "征求意见稿"
        case .guideline: return "审查细则"
        }
    }

    static func page(_ page: Int?) -> String? { page.map { "第\($0)页" } }

    /// A document's facts line: kind, format, pages, date, and its OCR pages ("文字识别页：1–3、5") and pages
    /// without text ("未能读取文字的页：4").
    static func documentFacts(_ doc: DocumentReport) -> [String] {
        var facts = ["类型：\(doc.kindName)", "格式：\(doc.format.rawValue)"]
        if let pages = doc.pages { facts.append("页数：\(pages)") }
        if let date = doc.date { facts.append("日期：\(date)") }
        return facts + pageFacts(doc)
    }

    /// What of a document could only be read by OCR, or not at all; the terminal shows just this.
    static func pageFacts(_ doc: DocumentReport) -> [String] {
        var facts: [String] = []
        if let pages = doc.ocrPages, !pages.isEmpty {
            facts.append("文字识别（OCR）页：\(pageList(pages))（内容可能有识别误差）")
        }
        if let pages = doc.pagesWithoutText, !pages.isEmpty {
            facts.append("未能读取文字的页：\(pageList(pages))")
        }
        return facts
    }

    /// Page numbers with runs folded: [1, 2, 3, 5] → "1–3、5".
    static func pageList(_ pages: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = pages.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(j > i ? "\(sorted[i])–\(sorted[j])" : "\(sorted[i])")
            i = j + 1
        }
        return parts.joined(separator: "、")
    }

    /// "文件名，第3页，第八章 安全方案 > 8.2 密码应用".
    static func evidenceLocation(_ evidence: Evidence) -> String {
        var parts = [evidence.document]
        if let page = page(evidence.page) { parts.append(page) }
        if let heading = evidence.heading, !heading.isEmpty { parts.append(heading) }
        if evidence.ocr == true { parts.append("（文字识别所得）") }
        return parts.joined(separator: "，")
    }

    static func factValue(_ fact: Fact) -> String {
        let value: String
        switch fact.value {
        case .number(let d):
            value = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): value = b ? "是" : "否"
        case .text(let s): value = textValueNames[s] ?? s
        }
        // 3月 reads as "March"; a duration of months is 3个月.
        let unit = fact.unit == "月" ? "个月" : (fact.unit ?? "")
        return value + unit
    }

    /// Where a fact was taken from, as a reviewer reads it.
    static func factSource(_ source: String) -> String {
        source == "document" ? "项目文件" : source == "project.yaml" ? "项目登记信息 project.yaml" : source
    }

    /// Chinese for the string values facts take (project type).
    static let textValueNames = [
        "construction": "建设类", "om": "运维类", "new": "新建", "continued": "续建", "renovation": "改建",
    ]

    static func factName(_ key: FactKey) -> String {
        switch key {
        case .totalInvestment: return "总投资"
        case .freeMaintenanceYears: return "免费运维期"
        case .serviceTermYears: return "服务期限"
        case .trialRunMonths: return "试运行期"
        case .adjustmentPercent: return "调整比例"
        case .projectType: return "项目类型"
        case .crossDepartment: return "跨部门"
        case .softwareDevelopment: return "含软件开发"
        case .purchasedService: return "购买服务"
        case .constructionMonths: return "建设周期"
        case .softwareInvestment: return "软件开发费"
        case .adjustmentAmount: return "调整金额"
        case .buildNature: return "建设性质"
        case .previousPerformanceScore: return "上年度绩效得分"
        }
    }

    static func summaryLine(_ s: Summary) -> String {
        "满足 \(s.met) 项，部分满足 \(s.partial) 项，缺失 \(s.missing) 项，未能检查 \(s.notChecked) 项，不适用 \(s.notApplicable) 项；"
            + "必须项缺口 \(s.mustGaps) 项；无法读取的文件 \(s.unreadableDocuments) 个。"
    }

    /// Status, why (the heading has its own column), and missing sub-elements.
    static func sectionLine(_ section: SectionFinding) -> String {
        var text = section.status.chineseName
        let reasons = (section.reasons ?? []).filter { !$0.hasPrefix("标题「") }
        if !reasons.isEmpty { text += "：" + reasons.joined(separator: "；") }
        if let missing = section.subElementsMissing, !missing.isEmpty {
            text += "；缺少要素：" + missing.joined(separator: "、")
        }
        return text
    }
}

/// Escaping for HTML text and attribute values, for every page gapcheck writes or serves.
public enum HTML {
    /// Byte by byte: a quote followed by a combining mark is one Character but still ends an attribute value, so
    /// the five ASCII characters are escaped wherever their bytes are. Text without them is returned as it is.
    public static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: needsEscape) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    static func statusClass(_ status: RequirementStatus) -> String { "st-" + status.rawValue }

    /// Colours by status, shared by the project report and the index heatmap.
    static let statusCSS = """
        .st-met{background:#d9f2d9;color:#1b5e20}
        .st-partial{background:#fff1c2;color:#7a5a00}
        .st-missing{background:#f9d0d0;color:#8b0000}
        .st-not-applicable{background:#eeeeee;color:#555}
        .st-not-checked{background:#dde6f5;color:#1a3d7c}
        """
}

/// Writes a file so readers see either the old or the new content, never a partial one.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = temporary(beside: url)
        do {
            try data.write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
        try swap(temp, into: url)
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Puts a second name on a finished file, swapped in whole; a copy where the file system has no hard links.
    public static func link(_ source: URL, as target: URL) throws {
        let temp = temporary(beside: target)
        guard Glibc.link(source.path, temp.path) == 0 else {
            try write(Data(contentsOf: source), to: target)
            return
        }
        try swap(temp, into: target)
    }

    /// A hidden name in the target's folder, so the rename stays on one file system and is atomic; a run removes
    /// those a kill left behind.
    public static func temporary(beside url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    }

    /// Renames a finished temporary file over the target; removes it when that fails.
    static func swap(_ temp: URL, into target: URL) throws {
        guard rename(temp.path, target.path) == 0 else {
            unlink(temp.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }
}
