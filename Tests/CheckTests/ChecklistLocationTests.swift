@testable import Checklists
import Foundation
import Testing
import TestSupport

/// The one lookup every command uses: option, environment, gapcheck.yaml, ./Checklists, the install prefix.
@Suite struct ChecklistLocationTests {
    func prefixWithChecklists() throws -> (prefix: URL, binary: URL) {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-prefix-\(UUID().uuidString)")
        let share = prefix.appendingPathComponent("share/gapcheck")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try CheckFixtures.folder(), to: share.appendingPathComponent("Checklists"))
        return (prefix, prefix.appendingPathComponent("bin/gapcheck"))
    }

    @Test func theInstallPrefixIsFoundFromAnyFolder() throws {
        let (prefix, binary) = try prefixWithChecklists()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let found = ChecklistLocation.resolve(option: nil, configured: nil, environment: [:],
                                              workingDirectory: URL(fileURLWithPath: "/"), executable: binary)
        #expect(found.source == .beside)
        #expect(found.folder.path == prefix.appendingPathComponent("share/gapcheck/Checklists").path)
    }

    @Test func orderIsOptionEnvironmentConfigThenFolders() throws {
        let (prefix, binary) = try prefixWithChecklists()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let root = URL(fileURLWithPath: "/")
        let env = [ChecklistLocation.environmentVariable: "/from/env"]
        let config = URL(fileURLWithPath: "/from/config")
        func resolve(_ option: String?, _ configured: URL?, _ environment: [String: String]) -> ChecklistLocation {
            ChecklistLocation.resolve(option: option, configured: configured, environment: environment,
                                      workingDirectory: root, executable: binary)
        }
        #expect(resolve("/from/option", config, env) == ChecklistLocation(folder: URL(fileURLWithPath: "/from/option"), source: .option))
        #expect(resolve(nil, config, env).folder.path == "/from/env")
        #expect(resolve(nil, config, [:]) == ChecklistLocation(folder: config, source: .config))
        #expect(resolve(nil, nil, [:]).source == .beside)
    }

    @Test func workingFolderWinsOverThePrefix() throws {
        let (prefix, binary) = try prefixWithChecklists()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let work = prefix.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try CheckFixtures.folder(), to: work.appendingPathComponent("Checklists"))
        let found = ChecklistLocation.resolve(option: nil, configured: nil, environment: [:], workingDirectory: work,
                                              executable: binary)
        #expect(found.source == .workingDirectory)
        #expect(found.folder.path == work.appendingPathComponent("Checklists").path)
    }
}

@Suite struct JurisdictionNamesTests {
    @Test func idsNamesAndAliasesAllLeadToTheChecklist() throws {
        let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
        for typed in ["wendeng", "WENDENG", "Ｗｅｎｄｅｎｇ", "文登", "文登区", "威海市文登区", " 文登 "] {
            #expect(library.jurisdictionID(for: typed) == "wendeng", "\(typed)")
        }
        #expect(library.jurisdictionID(for: "阳城县") == "yangcheng")
        #expect(library.jurisdictionID(for: "顺义区") == nil)
        #expect(library.jurisdictionID(for: "nosuch") == nil)
        #expect(library.jurisdictionChoices.contains("dalateqi（达拉特旗）"))
    }
}

@Suite struct StageNamesTests {
    @Test func idsAndChineseNamesAreAccepted() {
        #expect(Stage(named: "feasibility") == .feasibility)
        #expect(Stage(named: "可研") == .feasibility)
        #expect(Stage(named: "可行性研究报告") == .feasibility)
        #expect(Stage(named: "初步设计") == .preliminaryDesign)
        #expect(Stage(named: "preliminary-design") == .preliminaryDesign)
        #expect(Stage(named: "项目建议书") == .application)
        #expect(Stage(named: "验收") == .acceptance)
        #expect(Stage(named: "绩效评价") == .performance)
        #expect(Stage(named: "立项后") == nil)
    }

    /// Every stage is reachable by its own Chinese name, so the list an error shows can be typed back.
    @Test func everyChineseNameRoundTrips() {
        for stage in Stage.allCases { #expect(Stage(named: stage.chineseName) == stage) }
    }
}
