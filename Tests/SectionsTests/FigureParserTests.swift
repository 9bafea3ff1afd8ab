import Testing

@testable import Sections

@Suite struct FigureParserTests {
    func money(_ text: String) -> [Double] { FigureParser.money(in: text).map(\.value) }
    func months(_ text: String) -> [Double] { FigureParser.durations(in: text).map(\.value) }
    func percents(_ text: String) -> [Double] { FigureParser.percentages(in: text).map(\.value) }

    @Test func moneyInArabicNumerals() {
        #expect(money("项目总投资500万元") == [500])
        #expect(money("估算1,234.5万元") == [1234.5])
        #expect(money("0.05亿元") == [500])
        #expect(money("合计3000000元") == [300])
        #expect(money("其中硬件２００万元，软件100万元") == [200, 100])
    }

    @Test func moneyInChineseNumerals() {
        #expect(money("总投资五百万元") == [500])
        #expect(money("人民币伍佰万元整") == [500])
        #expect(money("一千二百三十万元") == [1230])
        #expect(money("两亿元") == [20000])
        #expect(money("十五万元") == [15])
    }

    @Test func wordsEndingInYuanAreNotMoney() {
        #expect(money("按单元划分，以美元计价").isEmpty)
        #expect(money("金额（万元）").isEmpty)
    }

    @Test func durations() {
        #expect(months("免费运维期三年") == [36])
        #expect(months("质保期3年") == [36])
        #expect(months("服务期限36个月") == [36])
        #expect(months("试运行期一年半") == [18])
        #expect(months("两年") == [24])
        #expect(months("1.5年") == [18])
        #expect(months("半年") == [6])
        #expect(months("六个月") == [6])
    }

    @Test func calendarDatesAreNotDurations() {
        #expect(months("2024年7月完成").isEmpty)
        #expect(months("2023年度预算").isEmpty)
    }

    @Test func percentages() {
        #expect(percents("调整比例为10%") == [10])
        #expect(percents("占概算的12.5％") == [12.5])
        #expect(percents("不超过百分之十五") == [15])
        #expect(percents("百分之8") == [8])
    }

    @Test func chineseNumbers() {
        #expect(FigureParser.parseNumber("一万五千") == 15000)
        #expect(FigureParser.parseNumber("三点五") == 3.5)
        #expect(FigureParser.parseNumber("1.5万") == 15000)
        #expect(FigureParser.parseNumber("abc") == nil)
    }
}
