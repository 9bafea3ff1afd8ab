import Checklists

/// Names a jurisdiction may be given by in project.yaml and gapcheck.yaml: the same lookup as the command line's
/// (`ChecklistLibrary.jurisdictionID`). An unknown one is an error, never quietly replaced by another checklist.
public enum Jurisdictions {
    /// The checklist id `text` names, or nil.
    public static func resolve(_ text: String, in library: ChecklistLibrary) -> String? {
        library.jurisdictionID(for: text)
    }

    public static func unknownMessage(_ text: String, in library: ChecklistLibrary) -> String {
        "未知的辖区“\(text)”，可用的辖区：\(library.jurisdictionChoices)"
    }
}
