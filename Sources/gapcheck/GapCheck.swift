import ArgumentParser
import Check

@main
struct GapCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gapcheck",
        abstract: "Check government informatization project documents against jurisdiction checklists.",
        version: ToolInfo.version,
        subcommands: [
            RunCommand.self, CheckCommand.self, SweepCommand.self, MergeCommand.self, ExtractCommand.self,
            ChecklistsCommand.self, SchemaCommand.self, ServeCommand.self, WorkerCommand.self,
        ])
}
