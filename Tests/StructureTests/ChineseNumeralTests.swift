import Testing
@testable import Structure

@Suite struct ChineseNumeralTests {
    @Test(arguments: [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("贰拾叁", 23), ("〇", 0)])
    func values(text: String, value: Int) {
        #expect(ChineseNumeral.value(text) == value)
    }

    @Test(arguments: ["", "1", "一a", "章"])
    func nonNumeralsHaveNoValue(text: String) {
        #expect(ChineseNumeral.value(text) == nil)
    }

    @Test func legalFormsBecomeArabic() {
        #expect(ChineseNumeral.legalArabicForm("一.6") == "1.6")
        #expect(ChineseNumeral.legalArabicForm("十一.2.3") == "11.2.3")
        // Nothing to convert, or not a number at all.
        #expect(ChineseNumeral.legalArabicForm("1.6") == nil)
        #expect(ChineseNumeral.legalArabicForm("一") == nil)
        #expect(ChineseNumeral.legalArabicForm("一.x") == nil)
    }
}
