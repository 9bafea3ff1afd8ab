import Testing
@testable import Structure

@Suite struct HeadingHeuristicsTests {
    func line(
        _ text: String, size: Double = 12, bold: Bool = false, family: Bool = false, alone: Bool = true
    ) -> LineFeatures {
        LineFeatures(text: text, fontSize: size, bodyFontSize: 12, isBold: bold, isHeadingFamily: family, standsAlone: alone)
    }

    @Test func fontCuesFromNames() {
        #expect(FontCues.isBold(fontName: "NotoSerifCJKjp-Bold-VKana"))
        #expect(FontCues.isBold(fontName: "SimHei"))
        #expect(FontCues.isBold(fontName: "FZXiaoBiaoSong-B05S"))
        #expect(FontCues.isHeadingFamily(fontName: "KaiTi_GB2312"))
        #expect(!FontCues.isBold(fontName: "FangSong_GB2312"))
        #expect(!FontCues.isBold(fontName: "NotoSerifCJKjp-Regular-VKana"))
        #expect(FontCues.isSans(fontName: "NotoSansCJKjp-Regular-VKana"))
    }

    @Test func largerOrBoldNumberedLinesAreHeadings() {
        #expect(HeadingHeuristics.numberedTitle(for: line("1.1 项目背景", size: 14)) != nil)
        #expect(HeadingHeuristics.numberedTitle(for: line("（一）建设目标", bold: true)) != nil)
        // 公文: same size as the body, a heading face.
        #expect(HeadingHeuristics.numberedTitle(for: line("一、总体要求", family: true)) != nil)
        // 第X章 standing alone needs no font cue.
        #expect(HeadingHeuristics.numberedTitle(for: line("第三章 投资估算")) != nil)
    }

    @Test func bodyLikeLinesAreNot() {
        #expect(HeadingHeuristics.numberedTitle(for: line("1.1 项目背景")) == nil)  // no cue
        #expect(HeadingHeuristics.numberedTitle(for: line("一、总体要求", family: true, alone: false)) == nil)
        #expect(HeadingHeuristics.numberedTitle(for: line("一、项目建设完成后将显著提升服务水平。", bold: true)) == nil)
        #expect(HeadingHeuristics.numberedTitle(for: line("1 使用前提：在解密截止时间前自行解密", bold: true)) == nil)
        let long = "1.1 " + String(repeating: "很长的标题", count: 10)
        #expect(HeadingHeuristics.numberedTitle(for: line(long, size: 16)) == nil)
        #expect(HeadingHeuristics.numberedTitle(for: line("2023年完成建设", size: 16)) == nil)
    }

    @Test func letterSpacedHeadingIsRecognised() throws {
        let parsed = try #require(HeadingHeuristics.numberedTitle(for: line("二 、 密 码 应 用 方 案", family: true)))
        #expect(parsed.title == "密码应用方案")
        #expect(HeadingHeuristics.despaceCJK("密 码 应 用 方 案 SM2 算法") == "密码应用方案 SM2 算法")
    }

    @Test func detectorAssignsLevels() {
        var detector = HeadingDetector()
        let levels = ["第一章 总论", "1.1 背景", "1.1.1 现状", "第二章 方案"].map {
            detector.heading(for: line($0, size: 14))?.level
        }
        #expect(levels == [1, 2, 3, 1])
    }
}

@Suite struct HeadingHeuristicsTableAndTOCTests {
    func line(_ text: String, listed: Bool = false) -> LineFeatures {
        LineFeatures(
            text: text, fontSize: 14, bodyFontSize: 12, isBold: true, isHeadingFamily: false, standsAlone: true,
            listedInTOC: listed)
    }

    @Test func tableRowsAreNotHeadings() {
        #expect(HeadingHeuristics.isTableRow("智算基础设施820.216.58"))
        #expect(HeadingHeuristics.isTableRow("+（二）+"))
        #expect(HeadingHeuristics.numberedTitle(for: line("1.2 智算基础设施820.216.58")) == nil)
        #expect(!HeadingHeuristics.isTableRow("建设内容"))
        #expect(!HeadingHeuristics.isTableRow("2025年建设任务"))
    }

    @Test func commaTitlesNeedTheTOC() {
        let text = "3.3.1 夯实数据底座，提升数据资源共享开放水平"
        #expect(HeadingHeuristics.numberedTitle(for: line(text)) == nil)
        #expect(HeadingHeuristics.numberedTitle(for: line(text, listed: true))?.number == "3.3.1")
    }
}
