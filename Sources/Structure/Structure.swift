import DocumentModel

/// Placeholder for the structure stage.
public enum StructureInfo {
    public static let name = "Structure"
}
