import ArgumentParser

struct ChecklistsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checklists", abstract: "Not yet available.")
}
