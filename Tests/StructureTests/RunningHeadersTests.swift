import DocumentModel
import Testing
@testable import Structure

@Suite struct RunningHeadersTests {
    @Test func repeatedTopAndBottomLinesAreRunning() {
        let pages = (1...4).map { n in
            [
                BandLine(text: "某市智慧交通项目 密码应用方案", band: .top),
                BandLine(text: "第\(n)章 内容\(n)", band: .middle),
                BandLine(text: "某市智慧交通项目 密码应用方案", band: .middle),
                BandLine(text: "第 \(n) 页 共 4 页", band: .bottom),
            ]
        }
        let parts = RunningHeaders.detect(pages: pages)
        for page in parts {
            #expect(page[0] == .header)
            #expect(page[1] == nil)
            // The same words in the body are body.
            #expect(page[2] == nil)
            #expect(page[3] == .footer)
        }
    }

    @Test func fewPagesOrRareLinesStayBody() {
        let two = (1...2).map { _ in [BandLine(text: "项目名称", band: .top)] }
        #expect(RunningHeaders.detect(pages: two).allSatisfy { $0 == [nil] })
        // Present on 2 of 6 pages: below half.
        let six = (1...6).map { n in
            [BandLine(text: n <= 2 ? "附件一" : "正文标题\(String(repeating: "甲", count: n))", band: .top)]
        }
        #expect(RunningHeaders.detect(pages: six).allSatisfy { $0 == [nil] })
    }

    @Test func pageNumbersAloneAreFooters() {
        for text in ["3", "- 3 -", "第 3 页", "第3页，共10页", "3/10", "Page 3", "iv"] {
            #expect(RunningHeaders.isPageNumber(text), "\(text)")
        }
        for text in ["3.5万元", "第三章 投资", "2023年"] {
            #expect(!RunningHeaders.isPageNumber(text), "\(text)")
        }
        let single = [[BandLine(text: "第1页", band: .bottom)]]
        #expect(RunningHeaders.detect(pages: single) == [[.footer]])
    }

    @Test func digitsFoldInKeys() {
        #expect(RunningHeaders.key("第 12 页") == RunningHeaders.key("第3页"))
        #expect(RunningHeaders.key("ＡＢＣ项目 ２０２４") == RunningHeaders.key("abc项目 2023"))
    }
}
