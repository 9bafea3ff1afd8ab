/// Placeholder for the DOCX writer.
public enum DOCXWriterInfo {
    public static let name = "DOCXWriter"
}
