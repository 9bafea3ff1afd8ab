import DOCXWriter

/// A small deterministic generator (SplitMix64): Foundation's generators are not reproducible across runs.
struct SeededRandom {
    var state: UInt64

    init(seed: Int) { state = UInt64(truncatingIfNeeded: seed) &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

/// Turns a document description into a `DocxSpec`: chapters with headings, paragraphs drawn from the text bank,
/// tables, placeholders, tracked changes and containers.
struct Composer {
    let project: ProjectDescription
    let document: DocumentDescription
    var random: SeededRandom

    init(project: ProjectDescription, document: DocumentDescription, salt: Int) {
        self.project = project
        self.document = document
        random = SeededRandom(seed: project.seed &* 7919 &+ salt)
    }

    private var projectName: String {
        if case .string(let name) = project.metadata["name"] { return name }
        return project.system + "建设项目"
    }

    private func fill(_ sentence: String) -> String {
        sentence.replacingOccurrences(of: "{单位}", with: project.department)
            .replacingOccurrences(of: "{系统}", with: project.system)
            .replacingOccurrences(of: "{项目}", with: projectName)
    }

    /// A paragraph of three to five different sentences on `topic`, mostly from its bank, in a seeded order.
    mutating func paragraph(topic: String) -> String {
        var bank = TextBank.topics[topic] ?? []
        var general = TextBank.general
        shuffle(&bank)
        shuffle(&general)
        let count = 3 + random.below(3)
        var sentences: [String] = []
        for _ in 0..<count {
            if !bank.isEmpty && (random.below(4) != 0 || general.isEmpty) {
                sentences.append(bank.removeLast())
            } else if !general.isEmpty {
                sentences.append(general.removeLast())
            }
        }
        return fill(sentences.joined())
    }

    private mutating func shuffle(_ items: inout [String]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, random.below(index + 1))
        }
    }

    mutating func spec() -> DocxSpec {
        var blocks: [BlockSpec] = []
        let title = document.title ?? projectName
        blocks.append(BlockSpec(type: .paragraph, text: title, bold: true, size: 22))
        if let cover = document.cover {
            for line in cover { blocks.append(.paragraph(fill(line))) }
        } else {
            blocks.append(.paragraph("建设单位：" + project.department))
            blocks.append(.paragraph("编制日期：二〇二四年三月"))
        }
        if let toc = document.toc {
            blocks.append(BlockSpec(type: .pageBreak))
            blocks.append(BlockSpec(type: .toc, toc: toc, extraEntries: document.tocExtra))
        }
        blocks.append(BlockSpec(type: .pageBreak))
        let perSection = document.paragraphs ?? 4
        for (index, section) in (document.sections ?? []).enumerated() {
            blocks += chapter(section, number: index + 1, paragraphs: section.paragraphs ?? perSection)
        }
        return DocxSpec(
            title: title, author: project.department, created: "2024-03-01T09:00:00Z",
            modified: "2024-03-08T17:30:00Z", header: document.header, styleIds: document.styleIds,
            numbering: document.numbering, pages: nil, blocks: blocks)
    }

    private func typedNumber(_ n: Int) -> String {
        switch document.typedNumbers {
        case "official": return chineseCounting(n) + "、"
        case "decimal": return "\(n) "
        default: return "第" + chineseCounting(n) + "章 "
        }
    }

    private mutating func chapter(_ section: SectionDescription, number: Int, paragraphs: Int) -> [BlockSpec] {
        let style = section.style ?? document.headingStyle ?? .builtin
        var headingText = section.title ?? section.name
        if style == .manual, section.numbered != false { headingText = typedNumber(number) + headingText }
        var heading = BlockSpec.heading(headingText, level: 1, style: style)
        if section.numbered == false { heading.numbered = false }
        if style == .manual {
            heading.bold = true
            heading.size = 16
        }
        heading.tracked = section.tracked
        var body: [BlockSpec] = []
        if let placeholder = section.placeholder {
            body.append(.paragraph(placeholder))
        } else {
            for sentence in section.text ?? [] { body.append(.paragraph(fill(sentence))) }
            for _ in 0..<paragraphs { body.append(.paragraph(paragraph(topic: section.name))) }
            if let columns = section.table { body.append(.table(tableRows(columns))) }
            if let rows = section.rows { body.append(.table(rows.map { $0.map(fill) })) }
            for (subIndex, sub) in (section.subsections ?? []).enumerated() {
                let subTitle = style == .manual ? "（\(chineseCounting(subIndex + 1))）\(sub)" : sub
                var subHeading = BlockSpec.heading(subTitle, level: 2, style: style)
                if style == .manual { subHeading.bold = true }
                body.append(subHeading)
                body.append(.paragraph(paragraph(topic: section.name)))
                body.append(.paragraph(paragraph(topic: section.name)))
            }
            for (childIndex, child) in (section.children ?? []).enumerated() {
                body += subsection(child, level: 2, index: childIndex, style: style)
            }
            for topic in section.mentions ?? [] {
                if let sentence = TextBank.mentions[topic] { body.append(.paragraph(fill(sentence))) }
            }
        }
        if let tracked = section.tracked {
            body = body.map { var block = $0; if block.type == .paragraph { block.tracked = tracked }; return block }
        }
        switch section.container {
        case "table":
            // The chapter laid out inside a one-column table, as some templates do for 申报表-style forms.
            let cells = ([heading] + body).compactMap { $0.text }
            return [.table(cells.map { [$0] })]
        case "text-box":
            return [BlockSpec(type: .textBox, blocks: [heading] + body)]
        default:
            return [heading] + body
        }
    }

    /// A nested heading and its body, then its children one level deeper. Levels 2 and 3 take the chapter's heading
    /// style (with typed 公文 numbers when it is manual); deeper levels are bold outline-level paragraphs with a typed
    /// （1）, since the built-in styles stop at heading 3.
    private mutating func subsection(
        _ sub: SubsectionDescription, level: Int, index: Int, style: HeadingStyleKind
    ) -> [BlockSpec] {
        var heading: BlockSpec
        if style == .manual {
            let typed = level == 2 ? "（\(chineseCounting(index + 1))）" : level == 3 ? "\(index + 1). " : "（\(index + 1)）"
            heading = BlockSpec.heading(typed + sub.title, level: level, style: .manual)
            heading.bold = true
        } else if level >= 4 {
            heading = BlockSpec.heading("（\(index + 1)）" + sub.title, level: level, style: .outlineLevel)
        } else {
            heading = BlockSpec.heading(sub.title, level: level, style: style)
        }
        var blocks = [heading]
        for sentence in sub.text ?? [] { blocks.append(.paragraph(fill(sentence))) }
        if let topic = sub.topic {
            for _ in 0..<(sub.paragraphs ?? 1) { blocks.append(.paragraph(paragraph(topic: topic))) }
        }
        if let columns = sub.table { blocks.append(.table(tableRows(columns))) }
        if let rows = sub.rows { blocks.append(.table(rows.map { $0.map(fill) })) }
        for (childIndex, child) in (sub.children ?? []).enumerated() {
            blocks += subsection(child, level: level + 1, index: childIndex, style: style)
        }
        return blocks
    }

    private mutating func tableRows(_ columns: [String]) -> [[String]] {
        var rows = [columns]
        let count = 4 + random.below(4)
        for row in 0..<count {
            rows.append(columns.map { cell(column: $0, row: row) })
        }
        return rows
    }

    private mutating func cell(column: String, row: Int) -> String {
        let resources = ["企业基本信息", "人口基础信息", "审批办件信息", "电子证照信息", "事项目录信息", "评价信息", "统计报表信息"]
        let choices: [String: [String]] = [
            "名称": resources, "信息资源名称": resources, "数据资源名称": resources,
            "数据来源": ["本单位采集", "共享平台调用", "省级系统回流", "业务系统产生"],
            "格式": ["数据库表", "XML", "JSON", "电子文件"],
            "更新周期": ["实时", "每日", "每月", "每季度"], "更新": ["实时", "每日", "每月"],
            "共享属性": ["无条件共享", "有条件共享", "不予共享"], "共享": ["无条件共享", "有条件共享"],
            "开放属性": ["无条件开放", "有条件开放", "不予开放"], "开放": ["有条件开放", "不予开放"],
            "提供单位": [project.department],
            "资源类型": ["云服务器", "云数据库", "对象存储", "负载均衡", "公网带宽"],
            "规格配置": ["8核32G", "16核64G", "2TB", "100Mbps", "4核16G"],
            "数量": ["2台", "4台", "1套", "10TB", "1条"],
            "用途": ["应用部署", "数据库", "文件存储", "互联网访问", "测试环境"],
            "使用期限": ["3年", "5年", "1年"],
            "序号": ["\(row + 1)"],
        ]
        if let options = choices[column] { return options[(row + random.below(2)) % options.count] }
        return "见说明"
    }
}
