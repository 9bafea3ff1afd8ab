import Foundation

/// Stages as clerks name them: the ids (feasibility) and the Chinese names of the documents (可研, 初步设计 …).
extension Stage {
    /// Chinese names accepted for each stage, besides `chineseName`.
    static let chineseAliases: [Stage: [String]] = [
        .application: ["申报", "立项", "项目建议书", "建议书", "申报书", "申报表"],
        .feasibility: ["可研", "可行性研究", "可行性研究报告", "可研报告"],
        .preliminaryDesign: ["初步设计", "初设", "初步设计方案", "概算", "投资概算", "初步设计及概算"],
        .om: ["运维", "运维方案", "运行维护"],
        .change: ["变更", "变更申请", "项目变更"],
        .acceptance: ["验收", "竣工验收", "项目验收"],
        .performance: ["绩效", "绩效评价", "绩效评价报告"],
    ]

    /// The stage a typed name means, or nil.
    public init?(named text: String) {
        let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let stage = Stage(rawValue: typed.lowercased()) {
            self = stage
            return
        }
        for stage in Stage.allCases where stage.chineseName == typed || (Self.chineseAliases[stage] ?? []).contains(typed) {
            self = stage
            return
        }
        return nil
    }

    /// The valid choices, as an error message lists them: `application（申报/建议书）、…`.
    public static var choices: String {
        allCases.map { "\($0.rawValue)（\($0.chineseName)）" }.joined(separator: "、")
    }
}
