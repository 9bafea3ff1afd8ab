import Testing

@Test func ReportTestsBuilds() {
    #expect(Bool(true))
}
