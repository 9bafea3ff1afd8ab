import ArgumentParser

@main
struct CorpusGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus-gen", abstract: "Generate the sample corpus from its descriptions.")
}
