import Testing
@testable import DocumentModel

@Suite struct TextNormalizerTests {
    /// The plain path must give exactly what the normalising path gives, wherever it answers.
    @Test func plainKeyEqualsTheNormalisedOne() {
        let alphabet = Array("第八章 密码应用方案\t\n\r（）：，。、；ＡＢＣabcXYZ0123１２３ 【】《》「」“”‘’—–·-_/|&<>\u{3000}")
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<2000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            guard let plain = TextNormalizer.plainMatchKey(text) else { continue }
            #expect(plain == TextNormalizer.normalisedMatchKey(text), "\(text.debugDescription)")
            checked += 1
        }
        #expect(checked == 2000)
        for text in ["  第 八 章  密码 应用 方案 ", "Ａｐｐ  Ｌｏｇｉｎ", "GB/T 39786—2021", "总投资：1,234.5万元。", ""] {
            #expect(TextNormalizer.plainMatchKey(text) == TextNormalizer.normalisedMatchKey(text))
        }
    }

    /// Characters NFKC changes or that combine take the normalising path.
    @Test func otherCharactersAreNormalised() {
        #expect(TextNormalizer.plainMatchKey("⼀期工程") == nil)
        #expect(TextNormalizer.matchKey("⼀期工程") == "一期工程")
        #expect(TextNormalizer.plainMatchKey("cafe\u{301}") == nil)
        #expect(TextNormalizer.matchKey("cafe\u{301}") == "café")
        #expect(TextNormalizer.matchKey("a\u{A0}b") == "a b")
        #expect(TextNormalizer.matchKey("标题\u{200B}") == "标题")
        #expect(TextNormalizer.matchKey("…") == "...")
    }
}
