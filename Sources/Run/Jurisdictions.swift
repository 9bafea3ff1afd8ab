import Checklists
import DocumentModel

/// Names a jurisdiction may be given by: a checklist id, its Chinese name or an alias. An unknown one is an error,
/// never quietly replaced by another checklist.
public enum Jurisdictions {
    /// The checklist id `text` names, or nil.
    public static func resolve(_ text: String, in library: ChecklistLibrary) -> String? {
        if library.checklists[text] != nil { return text }
        let key = TextNormalizer.matchKey(text)
        for (id, checklist) in library.checklists.sorted(by: { $0.key < $1.key })
        where ([checklist.name] + checklist.aliases).map(TextNormalizer.matchKey).contains(key) {
            return id
        }
        return nil
    }

    /// "wendeng（文登区）、yangcheng（阳城县）…", for messages listing the valid choices.
    public static func choices(in library: ChecklistLibrary) -> String {
        library.checklists.sorted { $0.key < $1.key }.map { "\($0.key)（\($0.value.name)）" }.joined(separator: "、")
    }

    public static func unknownMessage(_ text: String, in library: ChecklistLibrary) -> String {
        "未知的辖区“\(text)”，可用的辖区：\(choices(in: library))"
    }
}
