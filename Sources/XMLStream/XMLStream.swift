internal import CLibXML2

/// Placeholder: the hardened streaming reader over libxml2's xmlTextReader.
public enum XMLStreamInfo {
    public static let name = "XMLStream"
}
