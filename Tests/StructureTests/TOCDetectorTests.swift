import Testing
@testable import Structure

@Suite struct TOCDetectorTests {
    @Test func dotLeadersAndPageNumber() throws {
        let line = try #require(TOCDetector.parseLine("第二章 数据资源目录..............................3"))
        #expect(line.number == "第二章")
        #expect(line.title == "数据资源目录")
        #expect(line.printedPage == 3)
        #expect(line.style == .chapter)
    }

    @Test func ellipsisTabAndFullWidthPage() throws {
        let ellipsis = try #require(TOCDetector.parseLine("第三章 投资估算……………………１２"))
        #expect(ellipsis.title == "投资估算")
        #expect(ellipsis.printedPage == 12)
        let tab = try #require(TOCDetector.parseLine("1.1 建设单位\t2"))
        #expect(tab.number == "1.1")
        #expect(tab.printedPage == 2)
        let unnumbered = try #require(TOCDetector.parseLine("附件 ········· 45"))
        #expect(unnumbered.number == "")
        #expect(unnumbered.title == "附件")
    }

    @Test(arguments: [
        "项目总投资为 350 万元，其中软件开发 200", "2023年完成建设", "第八章 密码应用方案", "合计 12345",
        "本项目建设周期12个月。……3",
    ])
    func bodyLinesAreNotTOC(line: String) {
        #expect(TOCDetector.parseLine(line) == nil)
    }

    @Test func titles() {
        #expect(TOCDetector.isTOCTitle("目录"))
        #expect(TOCDetector.isTOCTitle("目  录"))
        #expect(TOCDetector.isTOCTitle("⽬录"))  // Kangxi radical, as some PDFs extract it
        #expect(TOCDetector.isTOCTitle("Contents"))
        #expect(!TOCDetector.isTOCTitle("数据资源目录"))
    }

    @Test func pages() {
        let toc = ["目 录", "第一章 总论 ........ 1", "第二章 建设方案 ........ 5", "数据资源目录 ........ 9"]
        #expect(TOCDetector.isTOCPage(lines: toc, continuing: false))
        let splitTitle = ["目", "录", "第一章 总论 ........ 1"]
        #expect(TOCDetector.isTOCPage(lines: splitTitle, continuing: false))
        let continuation = ["3.1 估算依据 ...... 20", "3.2 估算结果 ...... 21", "第四章 效益 ...... 22", "附件 ...... 30"]
        #expect(TOCDetector.isTOCPage(lines: continuation, continuing: true))
        let body = ["第一章 总论", "本项目依据国家和省市关于政务信息化建设的有关要求。", "1.1 项目背景", "项目建设周期为十二个月。"]
        #expect(!TOCDetector.isTOCPage(lines: body, continuing: false))
        #expect(!TOCDetector.isTOCPage(lines: body, continuing: true))
    }
}

@Suite struct TOCPageReferenceTests {
    @Test func splitsTitleLeaderAndPage() throws {
        let dots = try #require(TOCDetector.pageReference("第一章 项目概述……5"))
        #expect(dots.title == "第一章 项目概述")
        #expect(dots.page == 5)
        #expect(dots.hasStrongLeader)
        let spaces = try #require(TOCDetector.pageReference("1.1 建设单位  １２"))
        #expect(spaces.page == 12)
        #expect(spaces.spaces == 2)
        #expect(!spaces.hasStrongLeader)
        // A number run into the title is not a page reference.
        #expect(TOCDetector.pageReference("建设周期12") == nil)
    }

    @Test func leadersAreStrippedFromTitles() {
        #expect(TOCDetector.withoutLeaders("项目概况…… ") == "项目概况")
        #expect(TOCDetector.withoutLeaders("第二章 建设内容。。。。") == "第二章 建设内容")
    }

    @Test func recognisedLinesMayLoseTheirPageNumbers() throws {
        // OCR swallows leaders and page numbers into junk.
        let line = try #require(TOCDetector.parseRecognisedLine("第一章 项目概况..."))
        #expect(line.number == "第一章")
        #expect(line.printedPage == nil)
        #expect(TOCDetector.parseLine("第一章 项目概况...") == nil)
        #expect(TOCDetector.parseRecognisedLine("一、项目建设完成后将显著提升服务水平。") == nil)
    }

    @Test func recognisedTOCPageNeedsMostLinesNumbered() {
        let page = ["目录", "第一章 项目概况", "第二章 建设内容", "第三章 投资估算"]
        #expect(TOCDetector.isRecognisedTOCPage(lines: page, continuing: false))
        #expect(!TOCDetector.isTOCPage(lines: page, continuing: false))
        let prose = ["目录", "本项目建设内容包括以下方面。", "一是平台建设。", "二是数据治理。", "第一章 项目概况"]
        #expect(!TOCDetector.isRecognisedTOCPage(lines: prose, continuing: false))
    }
}
