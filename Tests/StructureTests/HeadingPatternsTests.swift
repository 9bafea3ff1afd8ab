import DocumentModel
import Testing
@testable import Structure

@Suite struct HeadingPatternsTests {
    @Test(arguments: [
        ("第八章 密码应用方案", "第八章", "密码应用方案"),
        ("第一节 建设目标", "第一节", "建设目标"),
        ("一、总体要求", "一、", "总体要求"),
        ("（一）建设目标", "（一）", "建设目标"),
        ("(1) 网络安全", "(1)", "网络安全"),
        ("1.1 项目背景", "1.1", "项目背景"),
        ("1.1.1 建设单位", "1.1.1", "建设单位"),
        ("１．２ 建设内容", "１．２", "建设内容"),
        ("3. 投资估算", "3", "投资估算"),
    ])
    func parsesNumberedHeadings(line: String, number: String, title: String) {
        let parsed = HeadingPatterns.parse(line)
        #expect(parsed?.number == number)
        #expect(parsed?.title == title)
    }

    @Test func stylesAreTyped() {
        #expect(HeadingPatterns.parse("第八章 密码应用方案")?.style == .chapter)
        #expect(HeadingPatterns.parse("第一节 建设目标")?.style == .section)
        #expect(HeadingPatterns.parse("一、总体要求")?.style == .chineseComma)
        #expect(HeadingPatterns.parse("（一）建设目标")?.style == .chineseParen)
        #expect(HeadingPatterns.parse("(1) 网络安全")?.style == .arabicParen)
        #expect(HeadingPatterns.parse("1.1.1 建设单位")?.style == .decimal(depth: 3))
        #expect(HeadingPatterns.parse("１．２ 建设内容")?.style == .decimal(depth: 2))
    }

    @Test(arguments: [
        "2023年完成一期建设", "2024 年 5 月", "3.5万元", "1.2%", "100万元用于采购", "0012 的相关规定", "第三方机构负责测评",
        "项目概况",
    ])
    func rejectsFiguresAndDates(line: String) {
        #expect(HeadingPatterns.parse(line) == nil)
    }
}

@Suite struct LevelAssignerTests {
    @Test func chapterThenDecimalDepths() {
        var assigner = LevelAssigner()
        #expect(assigner.level(for: .chapter) == 1)
        #expect(assigner.level(for: .decimal(depth: 2)) == 2)
        #expect(assigner.level(for: .decimal(depth: 3)) == 3)
        #expect(assigner.level(for: .decimal(depth: 2)) == 2)
        #expect(assigner.level(for: .chapter) == 1)
    }

    @Test func gongwenSequenceReturnsUp() {
        var assigner = LevelAssigner()
        #expect(assigner.level(for: .chineseComma) == 1)
        #expect(assigner.level(for: .chineseParen) == 2)
        #expect(assigner.level(for: .decimal(depth: 1)) == 3)
        #expect(assigner.level(for: .arabicParen) == 4)
        #expect(assigner.level(for: .chineseParen) == 2)
        #expect(assigner.level(for: .chineseComma) == 1)
        #expect(assigner.level(for: .chineseParen) == 2)
    }
}

@Suite struct WhitespaceAndEarlyExitTests {
    @Test func collapseWhitespaceFoldsEveryKindOfSpace() {
        #expect(TextNormalizer.collapseWhitespace("  第一章\u{3000}\u{3000}项目概述\t\n") == "第一章 项目概述")
        #expect(TextNormalizer.collapseWhitespace("a\u{00A0}\u{2003}b\r\nc") == "a b c")
        #expect(TextNormalizer.collapseWhitespace("密码应用方案") == "密码应用方案")
        #expect(TextNormalizer.collapseWhitespace(" \u{3000} ").isEmpty)
    }

    @Test func parseStillFindsNumbersAfterLeadingSpaceAndRejectsProse() {
        #expect(HeadingPatterns.parse("\u{3000}\u{3000}第八章 密码应用方案")?.number == "第八章")
        #expect(HeadingPatterns.parse(" ③ 数据资源目录")?.number == "③")
        #expect(HeadingPatterns.parse("（二）安全方案")?.title == "安全方案")
        #expect(HeadingPatterns.parse("本项目建设内容包括应用软件开发。") == nil)
        #expect(HeadingPatterns.parse("") == nil)
    }
}

@Suite struct LegalNumberingPatternTests {
    // A converter that drops Word's legal-numbering flag prints 一.6 for 1.6, sometimes with the title run on.
    @Test(arguments: [
        ("一.6 项目总投资及资金来源", "1.6", "项目总投资及资金来源", 2),
        ("三.3.1 夯实数据底座", "3.3.1", "夯实数据底座", 3),
        ("十二.1建设内容", "12.1", "建设内容", 2),
    ])
    func legalDecimalsReadAsArabic(line: String, number: String, title: String, depth: Int) throws {
        let parsed = try #require(HeadingPatterns.parse(line))
        #expect(parsed.number == number)
        #expect(parsed.title == title)
        #expect(parsed.style == .decimal(depth: depth))
    }

    @Test func chineseCommaHeadingsStayAsTheyAre() throws {
        let parsed = try #require(HeadingPatterns.parse("一、总体要求"))
        #expect(parsed.style == .chineseComma)
        #expect(HeadingPatterns.parse("一.6") == nil)
    }

    @Test func figuresWithUnitsAreNotHeadings() {
        #expect(HeadingPatterns.parse("3.5 万元") == nil)
        #expect(HeadingPatterns.parse("1.2%") == nil)
        #expect(HeadingPatterns.parse("2.5 年") == nil)
        #expect(HeadingPatterns.parse("3.2 元") == nil)
    }

    @Test func wordsBeginningWithAUnitAreTitles() {
        #expect(HeadingPatterns.parse("2.3 元数据管理")?.title == "元数据管理")
        #expect(HeadingPatterns.parse("4.1 个人信息保护")?.title == "个人信息保护")
        #expect(HeadingPatterns.parse("5.2 年度运维计划")?.title == "年度运维计划")
        // Three levels deep a number is never a figure.
        #expect(HeadingPatterns.parse("3.2.1 万人次服务能力")?.number == "3.2.1")
    }
}
