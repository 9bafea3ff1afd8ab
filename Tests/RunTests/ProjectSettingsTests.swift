import Check
import Testing
@testable import Run

@Suite struct ProjectSettingsTests {
    @Test func anInfiniteNumberIsAProblemAndTheOtherKeysStillApply() {
        let (metadata, problems) = ProjectSettings.parse("name: 平台\ntotalInvestment: 1e400\nstage: acceptance\n")
        #expect(metadata.name == "平台")
        #expect(metadata.stage == .acceptance)
        #expect(metadata.totalInvestment == nil)
        #expect(problems.map(\.line) == [2])
        #expect(problems.map(\.key) == ["totalInvestment"])
        #expect(problems.first?.description.hasPrefix("第 2 行，键 totalInvestment：") == true)
    }

    @Test func rangesTypesAndUnknownKeysAreNamed() {
        let text = "freeMaintenanceYears: -1\ncrossDepartment: 也许\nstage: 可研\ncolour: red\nprojectType: om\n"
        let (metadata, problems) = ProjectSettings.parse(text)
        #expect(problems.map(\.key) == ["freeMaintenanceYears", "crossDepartment", "stage", "colour"])
        #expect(metadata.projectType == "om")
    }

    @Test func aSyntaxErrorKeepsTheLinesThatParse() {
        let (metadata, problems) = ProjectSettings.parse("name: 平台\nstage: [feasibility\ntotalInvestment: 620\n")
        #expect(metadata.name == "平台")
        #expect(metadata.totalInvestment == 620)
        #expect(problems.first?.message.hasPrefix("YAML 语法错误") == true)
        #expect(problems.first?.line != nil)
    }

    @Test func emptyTextIsNoProblem() {
        let (metadata, problems) = ProjectSettings.parse("")
        #expect(problems.isEmpty)
        #expect(metadata == ProjectMetadata())
    }
}
