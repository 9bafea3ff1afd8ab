import Checklists
import DocumentModel
import Foundation

/// Small catalogue and checklists written to a temporary folder, and builders for hand-made documents.
public enum CheckFixtures {
    public static let catalogue = """
        version: "1"
        placeholders: [略, 待补充, 另行编制, 详见附件, 见附件]
        roles:
          frontMatter: ['^目录$']
          appendix: ['^附件']
          designContainers: [功能设计]
          featureSuffixes: [管理]
          projectMarkers: [方案]
          capabilityWords: [支持]
          notMentionSections: ['编制依据']
          argumentSections: [current-state]
        sections:
          - id: current-state
            name: 现状分析
            synonyms: [现状分析]
            headingPatterns: ['现状', '^现有']
          - id: crypto
            name: 密码应用
            synonyms: [密码应用方案, 商用密码应用]
            excludePatterns: ["安全性评估"]
            mentionPatterns: [密码应用, 商用密码]
          - id: data-catalogue
            name: 数据资源目录
            synonyms: [数据资源清单, 信息资源目录]
            subElements:
              - name: 数据来源
                patterns: [数据来源]
              - name: 更新频率
                patterns: [更新频率, 更新周期]
          - id: om
            name: 运维方案
            synonyms: [运行维护, 运维保障]
          - id: budget
            name: 投资估算
            synonyms: [资金筹措]
            headingPatterns: ["^投资.*(估算|概算)$"]
        documentKinds:
          - id: proposal
            name: 项目建议书
            synonyms: [建议书]
            filenamePatterns: ["建议书"]
            stage: application
          - id: feasibility
            name: 可行性研究报告
            synonyms: [可研报告]
            filenamePatterns: ["可研", "可行性"]
            titlePatterns: ["可行性研究报告$"]
            stage: feasibility
          - id: crypto-plan
            name: 密码应用方案
            synonyms: [商用密码应用方案]
            stage: feasibility
          - id: acceptance-report
            name: 验收报告
            synonyms: [竣工验收报告]
            stage: acceptance
          - id: supervision
            name: 监理报告
            synonyms: [监理总结报告]
            stage: acceptance

        """

    public static let national = """
        id: national
        name: 国家通用
        aliases: []
        version: "1"
        regulation:
          title: 测试用国家规定
          issuer: 测试部门
          number: 测发〔2020〕1号
          status: in-force
          source: sources/national.txt
        items:
          - id: national-crypto
            title: 应有密码应用章节
            stage: feasibility
            documents: [feasibility]
            rule: {kind: section, section: crypto}
            severity: must
            basis: {article: 第五条, quote: 应当同步规划、同步建设、同步运行密码保障系统}
          - id: national-om
            title: 应有运维方案
            stage: feasibility
            documents: [feasibility]
            rule: {kind: section, section: om}
            severity: should
            basis: {article: 第六条, quote: 应当编制运维方案}

        """

    public static let local = """
        id: testcounty
        name: 测试县
        aliases: [测试县, 测试]
        version: "1"
        regulation:
          title: 测试县政务信息化项目管理办法
          issuer: 测试县人民政府办公室
          number: 测政办发〔2024〕9号
          expires: "2025-12-31"
          status: in-force
          source: sources/local.txt
        extends: national
        drop: [national-om]
        overrides:
          - id: national-crypto
            severity: should
        items:
          - id: testcounty-data
            title: 应有数据资源目录，含数据来源和更新频率
            stage: feasibility
            documents: [feasibility]
            rule: {kind: section, section: data-catalogue, subElements: [数据来源, 更新频率]}
            severity: must
            basis: {article: 第九条, item: （二）, quote: 编制数据资源目录，明确数据来源、更新频率}
          - id: testcounty-expert
            title: 总投资500万元及以上的须经专家评审
            stage: feasibility
            documents: [feasibility]
            condition: {fact: total-investment, op: ">=", value: 500, description: 总投资500万元及以上}
            rule: {kind: mention, terms: [专家评审, 专家论证]}
            severity: must
            basis: {article: 第十条, quote: 总投资500万元及以上的项目，应当组织专家评审}
          - id: testcounty-free-om
            title: 免费运维期不少于3年
            stage: feasibility
            documents: [feasibility]
            rule: {kind: figure, fact: free-maintenance-years, op: ">=", value: 3}
            severity: should
            basis: {article: 第十一条, quote: 免费运维期不少于三年}
          - id: testcounty-crypto-either
            title: 有密码应用章节或单独的密码应用方案
            stage: feasibility
            documents: [feasibility]
            rule:
              kind: any
              rules:
                - {kind: section, section: crypto}
                - {kind: document, documentKinds: [crypto-plan]}
            severity: must
            basis: {article: 第十二条, quote: 应当编制密码应用方案}
          - id: testcounty-acceptance-package
            title: 验收材料应包括验收报告和监理报告
            stage: acceptance
            documents: [acceptance-report]
            rule:
              kind: all
              rules:
                - {kind: document, documentKinds: [acceptance-report]}
                - {kind: document, documentKinds: [supervision]}
            severity: must
            basis: {article: 第二十条, quote: 验收材料包括验收报告、监理报告}

        """

    public static let nationalSource = "第五条 政务信息系统应当同步规划、同步建设、同步运行密码保障系统。第六条 项目单位应当编制运维方案。"
    public static let localSource = """
        第九条 （二）编制数据资源目录，明确数据来源、
        更新频率。
        第十条 总投资500万元及以上的项目，应当组织专家评审。
        第十一条 免费运维期不少于三年。第十二条 应当编制密码应用方案。第二十条 验收材料包括验收报告、监理报告。
        """

    /// Writes a checklist folder; `extra` adds or replaces files by relative path.
    public static func folder(_ extra: [String: String] = [:]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("gapcheck-checklists-\(UUID().uuidString)", isDirectory: true)
        var files: [String: String] = [
            "catalogue.yaml": catalogue,
            "jurisdictions/national.yaml": national,
            "jurisdictions/testcounty.yaml": local,
            "sources/national.txt": nationalSource,
            "sources/local.txt": localSource,
        ]
        for (k, v) in extra { files[k] = v }
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    public static func library() throws -> ChecklistLibrary {
        try ChecklistLibrary.load(from: folder())
    }
}

/// Builds documents block by block, numbering paragraphs as a DOCX reader would.
public struct DocBuilder {
    public var path: String
    public var blocks: [Block] = []
    public var toc: [TOCEntry] = []
    public var page = 1
    public var metadata = DocumentMetadata()

    public init(_ path: String) { self.path = path }

    private var next: Location { Location(page: page, paragraph: blocks.count) }

    public mutating func heading(_ level: Int, _ number: String, _ title: String, part: DocumentPart = .body) {
        let heading = Heading(level: level, number: number, title: title, numbering: .typed, source: .style)
        blocks.append(Block(kind: .heading, text: heading.display, heading: heading, location: next, part: part))
    }

    public mutating func para(_ text: String, part: DocumentPart = .body) {
        blocks.append(Block(kind: .paragraph, text: text, location: next, part: part))
    }

    public mutating func table(_ rows: [[String]], part: DocumentPart = .body) {
        let table = Table(rows: rows.map { $0.map { TableCell(text: $0) } })
        let text = rows.map { $0.joined(separator: "\t") }.joined(separator: "\n")
        blocks.append(Block(kind: .table, text: text, table: table, location: next, part: part))
    }

    /// A TOC line: in `toc`, and as a body paragraph at the same location, as readers emit it.
    public mutating func tocLine(_ number: String, _ title: String, page printed: Int) {
        let location = next
        toc.append(TOCEntry(level: 1, number: number, title: title, printedPage: printed, location: location))
        blocks.append(Block(kind: .paragraph, text: "\(number) \(title)……\(printed)", location: location))
    }

    public mutating func newPage() { page += 1 }

    public var document: Document {
        Document(path: path, format: .docx, metadata: metadata, pageCount: page, blocks: blocks, toc: toc)
    }
}
