import DocumentModel
import Structure

/// What a heading is, as a reviewer reads it.
package enum HeadingRole: String, Sendable {
    /// The document speaking about the project: background, plan, security, investment, O&M, schedule …
    case projectChapter = "project-chapter"
    /// A function, module, subsystem or interface of the software being built (数据目录管理, 用户与密码管理 …).
    case systemDescription = "system-description"
    /// 附件, 附表, 附录 and what sits under them.
    case appendix
    /// Cover, TOC, 编制说明.
    case frontMatter = "front-matter"

    /// Whether a heading of this role can be a canonical section of the project.
    package var canBeSection: Bool { self == .projectChapter || self == .appendix }

    package var chineseName: String {
        switch self {
        case .projectChapter: return "项目章节"
        case .systemDescription: return "系统功能描述"
        case .appendix: return "附件或附表"
        case .frontMatter: return "前置内容"
        }
    }
}

/// The role of every heading of a document's section tree, and which blocks may count as mentions.
package struct HeadingRoles: Sendable {
    /// Same indices as `SectionTree.sections`.
    package let roles: [HeadingRole]
    /// Normalised titles without numbers (`IndexedDocument.titleKey`), same indices as `SectionTree.sections`.
    package let titles: [String]
    /// Per block: true where text never counts as a mention (features, 编制依据, 设计原则, front matter, TOC).
    package let quiet: [Bool]
    /// Per block: true inside the description of a software module. Such text never shows a section's topic.
    package let feature: [Bool]

    init(doc: IndexedDocument, rules: CompiledRoles) {
        let sections = doc.tree.sections
        var roles: [HeadingRole] = []
        var titles: [String] = []
        var quietSection: [Bool] = []
        var stack: [Int] = []  // indices of the ancestors of the current section
        for (k, section) in sections.enumerated() {
            while let last = stack.last, sections[last].heading.level >= section.heading.level { stack.removeLast() }
            let title = IndexedDocument.titleKey(number: section.heading.number, title: section.heading.title)
            let role = Self.role(
                of: section, title: title, ancestors: stack, roles: roles, titles: titles, doc: doc, rules: rules)
            roles.append(role)
            titles.append(title)
            let parentQuiet = stack.last.map { quietSection[$0] } ?? false
            let quiet = parentQuiet || role == .systemDescription || role == .frontMatter
                || rules.notMentionSections.contains { $0.matches(title) }
            quietSection.append(quiet)
            stack.append(k)
        }
        var quiet = doc.keys.indices.map { !doc.isContent($0) }
        var feature = Array(repeating: false, count: doc.keys.count)
        for (k, section) in sections.enumerated() {
            if quietSection[k] {
                quiet[section.headingIndex] = true
                for i in section.ownBody { quiet[i] = true }
            }
            if roles[k] == .systemDescription {
                feature[section.headingIndex] = true
                for i in section.ownBody { feature[i] = true }
            }
        }
        self.roles = roles
        self.titles = titles
        self.quiet = quiet
        self.feature = feature
    }

    static func role(
        of section: Section, title: String, ancestors: [Int], roles: [HeadingRole], titles: [String],
        doc: IndexedDocument, rules: CompiledRoles
    ) -> HeadingRole {
        if rules.frontMatter.contains(where: { $0.matches(title) }) { return .frontMatter }
        let numbered = TextNormalizer.matchKey(section.heading.display)
        if let parent = ancestors.last, roles[parent] == .appendix { return .appendix }
        if rules.appendix.contains(where: { $0.matches(numbered) || $0.matches(title) }) { return .appendix }
        let marked = rules.projectMarkers.contains { title.has($0) }
        if let parent = ancestors.last, roles[parent] == .systemDescription, !marked { return .systemDescription }
        if marked { return .projectChapter }
        let depth = ancestors.count + 1
        let inDesign = ancestors.contains { index in rules.designContainers.contains { titles[index].has($0) } }
        let featureTitle = rules.featureSuffixes.contains { title.hasSuffix($0) }
        if depth >= 3, inDesign { return .systemDescription }
        if depth >= 2, inDesign, featureTitle { return .systemDescription }
        if depth >= 3, featureTitle, capabilityShare(section.ownBody, doc: doc, words: rules.capabilityWords) >= 0.4 {
            return .systemDescription
        }
        return .projectChapter
    }

    /// The share of a body's sentences that describe what software does (支持…, 提供…, 实现…).
    static func capabilityShare(_ body: Range<Int>, doc: IndexedDocument, words: [String]) -> Double {
        var sentences = 0
        var capable = 0
        for i in body where doc.isContent(i) && doc.document.blocks[i].kind != .table {
            for sentence in doc.keys[i].split(whereSeparator: { "。；;！!".contains($0) }) where sentence.count >= 4 {
                sentences += 1
                let text = String(sentence)
                if words.contains(where: { text.has($0) }) { capable += 1 }
            }
        }
        return sentences == 0 ? 0 : Double(capable) / Double(sentences)
    }
}
