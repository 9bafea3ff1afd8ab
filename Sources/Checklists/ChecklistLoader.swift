import Foundation

/// Every checklist of a deployment, with `extends` resolved, and the catalogue they refer to.
public struct ChecklistLibrary: Sendable {
    public var catalogue: Catalogue
    /// By checklist id, after applying `extends`, `drop` and `overrides`.
    public var checklists: [String: Checklist]
    /// The folder it was loaded from (quotes are verified against `regulation.source` relative to it).
    public var directory: URL

    public init(catalogue: Catalogue, checklists: [String: Checklist], directory: URL) {
        self.catalogue = catalogue
        self.checklists = checklists
        self.directory = directory
    }

    /// Loads `catalogue.yaml` and `jurisdictions/*.yaml` from a `Checklists/` folder.
    public static func load(from directory: URL) throws -> ChecklistLibrary {
        throw ChecklistError(file: directory.path, line: nil, message: "not implemented")
    }

    /// The checklist for a jurisdiction id, or the national baseline when absent.
    public func checklist(for id: String?) -> Checklist? {
        if let id, let found = checklists[id] { return found }
        return checklists["national"]
    }
}

/// A problem in a checklist file, located by file and line where the YAML parser can tell.
public struct ChecklistError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line.map(String.init) ?? "-"): \(message)" }
}
