import Testing

@Test func StructureTestsBuilds() {
    #expect(Bool(true))
}
