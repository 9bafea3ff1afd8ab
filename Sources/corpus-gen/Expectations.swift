/// `Corpus/expected.json`: every project's metadata and expected results, gathered from the descriptions so that the
/// end-to-end test can read them with Foundation alone.
struct ExpectedCorpus: Codable {
    var projects: [ExpectedProject]
}

struct ExpectedProject: Codable {
    /// The inbox folder name.
    var id: String
    /// The inbox `project.yaml`, as `Check.ProjectMetadata` decodes it.
    var metadata: [String: MetadataValue]
    var documents: [ExpectedDocument]
    var requirements: [String: String]

    init(name: String, project: ProjectDescription) {
        id = name
        metadata = project.metadata
        documents = project.documents.map(ExpectedDocument.init)
        requirements = project.requirements ?? [:]
    }
}

struct ExpectedDocument: Codable {
    /// File name in the project folder; members of a package are not listed one by one.
    var file: String
    var kind: String?
    var expectError: Bool
    var sections: [String: String]

    init(_ document: DocumentDescription) {
        file = document.file
        kind = document.kind
        expectError = document.expectError ?? false
        sections = document.expect ?? [:]
    }
}
