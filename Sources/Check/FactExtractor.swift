import Checklists
import DocumentModel
import Foundation
import Sections

/// Finds the figures requirements rest on (总投资, 免费运维期 …) in a project's documents. Values stated in
/// project.yaml win over anything read from a document.
enum FactExtractor {
    enum Measure { case money, durationYears, durationMonths, percent }

    struct Trigger {
        var key: FactKey
        var phrases: [String]
        var measure: Measure
        /// All of these must also appear in the same line (the adjustment ratio needs 调整/变更 and 概算).
        var context: [[String]] = []
        /// None of these may appear in the line (建设周期延长6个月 gives a change, not the period).
        var excluding: [String] = []
    }

    /// Longer phrases first within a fact, so 项目总投资 is preferred to 总投资 for the excerpt position.
    static let triggers: [Trigger] = [
        Trigger(key: .totalInvestment, phrases: ["项目总投资", "估算总投资", "概算总投资", "投资总额", "总投资", "总概算"], measure: .money),
        Trigger(key: .freeMaintenanceYears, phrases: ["免费运维期", "免费维护期", "免费运维", "免费维护", "质量保证期", "质保期"], measure: .durationYears),
        Trigger(key: .serviceTermYears, phrases: ["政府购买服务期限", "购买服务期限", "服务期限"], measure: .durationYears),
        Trigger(key: .trialRunMonths, phrases: ["试运行期", "试运行时间", "试运行"], measure: .durationMonths),
        Trigger(key: .adjustmentPercent, phrases: ["占", "比例", "幅度"], measure: .percent, context: [["调整", "变更"], ["概算"]]),
        Trigger(
            key: .constructionMonths, phrases: ["建设周期", "建设工期", "建设期限", "实施周期", "建设期"], measure: .durationMonths,
            excluding: ["延长", "延期", "缩短", "超期", "顺延"]),
        Trigger(key: .softwareInvestment, phrases: ["软件开发费用", "软件开发费", "软件开发投资", "软件开发经费"], measure: .money),
        Trigger(key: .adjustmentAmount, phrases: ["调整金额", "调整资金", "调增", "调减", "变更金额", "调整数额"], measure: .money),
    ]

    /// How far (in characters of normalised text) a figure may sit from its phrase.
    static let reachAfter = 40
    static let reachBefore = 12

    static func extract(documents: [IndexedDocument], metadata: ProjectMetadata) -> [FactKey: Fact] {
        var facts: [FactKey: Fact] = [:]
        var pending: [Trigger] = []
        for trigger in triggers {
            if let value = metadataValue(trigger.key, metadata) {
                facts[trigger.key] = value
            } else {
                pending.append(trigger)
            }
        }
        // One pass over the lines of each document; the first line that yields a fact wins.
        for doc in documents where doc.readable && !pending.isEmpty {
            for (index, lines) in lines(of: doc) {
                for line in lines {
                    for trigger in pending where facts[trigger.key] == nil {
                        if let fact = find(trigger, in: line, doc: doc, block: index) { facts[trigger.key] = fact }
                    }
                }
                pending.removeAll { facts[$0.key] != nil }
                if pending.isEmpty { break }
            }
        }
        for key in [FactKey.projectType, .crossDepartment, .softwareDevelopment, .purchasedService, .previousPerformanceScore] {
            if let value = metadataValue(key, metadata) { facts[key] = value }
        }
        if facts[.constructionMonths] == nil { facts[.constructionMonths] = PeriodFact.constructionMonths(in: documents) }
        facts[.buildNature] = metadataValue(.buildNature, metadata) ?? BuildNatureFact.find(in: documents)
        return facts
    }

    /// Content blocks as lines: a paragraph is one line, a table gives one line per row (label and value sit
    /// in the same row).
    static func lines(of doc: IndexedDocument) -> [(Int, [String])] {
        var result: [(Int, [String])] = []
        for (i, block) in doc.document.blocks.enumerated() where doc.isContent(i) {
            if let table = block.table {
                result.append((i, table.rows.map { row in TextNormalizer.matchKey(row.map(\.text).joined(separator: " ")) }))
            } else if !doc.keys[i].isEmpty {
                result.append((i, [doc.keys[i]]))
            }
        }
        return result
    }

    static func find(_ trigger: Trigger, in line: String, doc: IndexedDocument, block: Int) -> Fact? {
        guard trigger.phrases.contains(where: { line.has($0) }) else { return nil }
        for group in trigger.context where !group.contains(where: { line.has($0) }) { return nil }
        if trigger.excluding.contains(where: { line.has($0) }) { return nil }
        let chars = Array(line)
        let figures: [FigureParser.Figure]
        switch trigger.measure {
        case .money: figures = FigureParser.money(in: line)
        case .durationYears, .durationMonths: figures = FigureParser.durations(in: line)
        case .percent: figures = FigureParser.percentages(in: line)
        }
        guard !figures.isEmpty else { return nil }
        for phrase in trigger.phrases {
            let phraseChars = Array(phrase)
            var best: (figure: FigureParser.Figure, distance: Int)?
            var start = 0
            while let at = indexOf(phraseChars, in: chars, from: start) {
                let end = at + phraseChars.count
                for figure in figures {
                    let distance: Int
                    if figure.range.lowerBound >= end {
                        distance = figure.range.lowerBound - end
                        guard distance <= reachAfter else { continue }
                    } else if figure.range.upperBound <= at {
                        distance = at - figure.range.upperBound + reachAfter / 2
                        guard at - figure.range.upperBound <= reachBefore else { continue }
                    } else {
                        continue
                    }
                    if best == nil || distance < best!.distance { best = (figure, distance) }
                }
                start = at + 1
            }
            if let best {
                let value: Double
                let unit: String
                switch trigger.measure {
                case .money: value = best.figure.value; unit = "万元"
                case .durationYears: value = best.figure.value / 12; unit = "年"
                case .durationMonths: value = best.figure.value; unit = "月"
                case .percent: value = best.figure.value; unit = "%"
                }
                return Fact(
                    key: trigger.key, value: .number(value), unit: unit, source: "document",
                    evidence: doc.evidence(block: block))
            }
        }
        return nil
    }

    static func indexOf(_ needle: [Character], in haystack: [Character], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func metadataValue(_ key: FactKey, _ m: ProjectMetadata) -> Fact? {
        func number(_ v: Double?, _ unit: String) -> Fact? {
            v.map { Fact(key: key, value: .number($0), unit: unit, source: "project.yaml", evidence: nil) }
        }
        func flag(_ v: Bool?) -> Fact? {
            v.map { Fact(key: key, value: .bool($0), unit: nil, source: "project.yaml", evidence: nil) }
        }
        switch key {
        case .totalInvestment: return number(m.totalInvestment, "万元")
        case .freeMaintenanceYears: return number(m.freeMaintenanceYears, "年")
        case .serviceTermYears: return number(m.serviceTermYears, "年")
        case .trialRunMonths: return number(m.trialRunMonths, "月")
        case .adjustmentPercent: return number(m.adjustmentPercent, "%")
        case .projectType:
            return m.projectType.map { Fact(key: key, value: .text($0), unit: nil, source: "project.yaml", evidence: nil) }
        case .crossDepartment: return flag(m.crossDepartment)
        case .softwareDevelopment: return flag(m.softwareDevelopment)
        case .purchasedService: return flag(m.purchasedService)
        case .constructionMonths: return number(m.constructionMonths, "月")
        case .softwareInvestment: return number(m.softwareInvestment, "万元")
        case .adjustmentAmount: return number(m.adjustmentAmount, "万元")
        case .previousPerformanceScore: return number(m.previousPerformanceScore, "分")
        case .buildNature:
            return m.buildNature.map { Fact(key: key, value: .text($0), unit: nil, source: "project.yaml", evidence: nil) }
        }
    }

    /// Chinese names for reasons.
    static func name(_ key: FactKey) -> String {
        switch key {
        case .totalInvestment: return "总投资"
        case .freeMaintenanceYears: return "免费运维期"
        case .serviceTermYears: return "政府购买服务期限"
        case .trialRunMonths: return "试运行期"
        case .adjustmentPercent: return "调整金额占概算的比例"
        case .projectType: return "项目类型"
        case .crossDepartment: return "是否跨部门"
        case .softwareDevelopment: return "是否含软件开发"
        case .purchasedService: return "是否政府购买服务"
        case .constructionMonths: return "建设周期"
        case .softwareInvestment: return "软件开发费"
        case .adjustmentAmount: return "调整金额"
        case .buildNature: return "建设性质"
        case .previousPerformanceScore: return "上年度绩效评价得分"
        }
    }

    static func unit(_ key: FactKey) -> String {
        switch key {
        case .totalInvestment, .softwareInvestment, .adjustmentAmount: return "万元"
        case .freeMaintenanceYears, .serviceTermYears: return "年"
        case .trialRunMonths, .constructionMonths: return "个月"
        case .previousPerformanceScore: return "分"
        case .adjustmentPercent: return "%"
        default: return ""
        }
    }

    static func describe(_ value: FactValue, key: FactKey) -> String {
        switch value {
        case .number(let d): return FigureParser.format(d) + unit(key)
        case .bool(let b): return b ? "是" : "否"
        case .text(let t):
            switch t {
            case "construction": return "建设类"
            case "om": return "运维类"
            case "new": return "新建"
            case "continued": return "续建"
            case "renovation": return "改建"
            default: return t
            }
        }
    }
}
