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
