import ArgumentParser

@main
struct GapCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gapcheck",
        abstract: "Check government informatization project documents against jurisdiction checklists.")
}
