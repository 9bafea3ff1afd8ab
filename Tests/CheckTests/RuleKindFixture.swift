import Checklists
import DocumentModel
import Foundation
import TestSupport

@testable import Check

/// A checklist with one item per newer rule kind, on the fixture catalogue, and a way to check a passage with it.
enum RuleKindFixture {
    static let checklist = """
        id: kinds
        name: 规则测试县
        aliases: [规则测试县]
        version: "1"
        regulation:
          title: 规则测试县审查细则
          issuer: 规则测试县数据局
          status: guideline
          source: sources/kinds.txt
        items:
          - id: kinds-no-machine-room
            title: 不得新建机房
            stage: feasibility
            documents: [feasibility]
            rule: {kind: must-not, terms: [新建机房, 自建机房]}
            severity: must
            basis: {article: 一, quote: 禁止自建机房}
          - id: kinds-om-substance
            title: 运维方案不得过于简略
            stage: feasibility
            documents: [feasibility]
            rule: {kind: substance, section: om, minimumCharacters: 30}
            severity: should
            basis: {article: 二, quote: 内容过于简略}
          - id: kinds-order
            title: 章节顺序
            stage: feasibility
            documents: [feasibility]
            rule: {kind: order, sections: [current-state, crypto, om]}
            severity: should
            basis: {article: 三, quote: 对照标准化模板}
          - id: kinds-budget-table
            title: 投资估算表
            stage: feasibility
            documents: [feasibility]
            rule: {kind: table, section: budget, columns: [名称, 金额|投资], minimumRows: 2, totals: true}
            severity: must
            basis: {article: 四, quote: 经费预算明细}
          - id: kinds-om-team
            title: 运维方案写明运维团队
            stage: feasibility
            documents: [feasibility]
            rule:
              kind: section
              section: om
              elements: [{name: 运维团队, patterns: [运维团队, 运维人员]}]
            severity: should
            basis: {article: 五, quote: 运维团队}
          - id: kinds-cloud-fee
            title: 运维方案提到政务云的，应写明云资源费用
            stage: feasibility
            documents: [feasibility]
            condition: {says: [政务云], section: om, description: 运维方案提到政务云}
            rule: {kind: mention, terms: [云资源租赁费, 云资源费用]}
            severity: should
            basis: {article: 六, quote: 云资源租赁费用核查}
          - id: kinds-period
            title: 建设周期不超过12个月
            stage: feasibility
            documents: [feasibility]
            rule: {kind: figure, fact: construction-months, op: "<=", value: 12}
            severity: should
            basis: {article: 七, quote: 建设周期不超过12个月}

        """

    static let source = "一 禁止自建机房 二 内容过于简略 三 对照标准化模板 四 经费预算明细 五 运维团队 六 云资源租赁费用核查 七 建设周期不超过12个月"

    static func folder() throws -> URL {
        try CheckFixtures.folder(["jurisdictions/kinds.yaml": checklist, "sources/kinds.txt": source])
    }

    static let checker: Checker = {
        Checker(library: try! ChecklistLibrary.load(from: try! folder()))
    }()

    /// The finding of one item on a passage (see `ExamplePassage`) read as a feasibility study.
    static func finding(_ item: String, _ passage: String) -> Finding? {
        let documents = ExamplePassage.documents(passage, defaultName: "规则测试县某项目可行性研究报告.docx")
        let report = checker.check(ProjectInput(id: "t", documents: documents), jurisdiction: "kinds", stage: .feasibility)
        return report.findings.first { $0.requirement == item }
    }
}
