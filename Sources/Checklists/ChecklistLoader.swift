/// Placeholder: loads and validates `Checklists/`.
public enum ChecklistLoaderInfo {
    public static let name = "Checklists"
}
