import Foundation

/// One lookup from what a user types (wendeng, WENDENG, 文登, 文登区, 威海市文登区) to a checklist id, used by every
/// command and by project.yaml.
extension ChecklistLibrary {
    public func jurisdictionID(for text: String) -> String? {
        let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !typed.isEmpty else { return nil }
        if checklists[typed] != nil { return typed }
        let key = Self.nameKey(typed)
        for id in orderedIDs {
            guard let checklist = checklists[id] else { continue }
            let names = [id, checklist.name] + checklist.aliases
            if names.map(Self.nameKey).contains(key) { return id }
        }
        return nil
    }

    /// The valid choices, as an error message lists them: `wendeng（威海市文登区）、…`.
    public var jurisdictionChoices: String {
        orderedIDs.compactMap { id in checklists[id].map { "\(id)（\($0.name)）" } }.joined(separator: "、")
    }

    /// Case, width and spacing do not matter: ＷＥＮＤＥＮＧ, Wendeng and "文 登" are the same name.
    static func nameKey(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        return String(folded.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }
}
