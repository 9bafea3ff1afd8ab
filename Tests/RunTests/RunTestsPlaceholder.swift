import Testing

@Test func RunTestsBuilds() {
    #expect(Bool(true))
}
