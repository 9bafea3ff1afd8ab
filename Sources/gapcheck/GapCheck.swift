import ArgumentParser

@main
struct GapCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gapcheck",
        abstract: "Check government informatization project documents against jurisdiction checklists.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CheckCommand.self, SweepCommand.self, MergeCommand.self, ExtractCommand.self,
            ChecklistsCommand.self, SchemaCommand.self, ServeCommand.self, WorkerCommand.self,
        ])
}
