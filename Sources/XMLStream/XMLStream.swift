internal import CLibXML2

/// Why a part could not be read. `unsafe` is raised for any DTD or entity reference: OOXML and OFD never need one,
/// so refusing them outright defeats XXE and entity expansion bombs without relying on libxml2's heuristics.
public enum XMLStreamError: Error, Sendable, Equatable {
    case unsafe(String)
    case tooLarge(Int)
    case malformed(String)
}

/// The kinds of node the reader reports; everything else (comments, processing instructions) is skipped.
public enum XMLNodeKind: Sendable, Equatable {
    case startElement
    case endElement
    case text
    /// Whitespace-only text; significant inside `xml:space="preserve"` elements, which readers usually want.
    case whitespace
    case cdata
}

/// Process-wide libxml2 setup (parser init, refusing external entity loads), done once and thread-safely.
private let hardenOnce: Void = gc_xml_harden()

/// A pull reader over libxml2's xmlTextReader, for one in-memory document. Not thread-safe; confine to one task.
///
/// Names are matched by namespace URI and local name, never by prefix (documents use `w:`, `ns0:` or a default
/// namespace interchangeably). Local names and URIs come from libxml2's interning dictionary, so each distinct
/// pointer is converted to a Swift string once and then reused.
public final class XMLStreamReader {
    public static let defaultMaxBytes = 256 << 20

    private let reader: OpaquePointer
    private let buffer: UnsafeMutableRawBufferPointer
    private var nameCache: [UnsafeRawPointer: String] = [:]

    public private(set) var kind: XMLNodeKind = .startElement
    public private(set) var localName: String = ""
    public private(set) var namespaceURI: String = ""
    /// Depth of the current node: the root element is 0, its children 1, text inside the root 1.
    public private(set) var depth: Int = 0
    public private(set) var isEmptyElement: Bool = false

    /// Starts reading `bytes` (copied; the caller's buffer may go away). Throws `tooLarge` above `maxBytes` and
    /// `unsafe` when the prolog declares a DOCTYPE.
    public init<Bytes: Collection>(bytes: Bytes, maxBytes: Int = XMLStreamReader.defaultMaxBytes) throws
    where Bytes.Element == UInt8 {
        _ = hardenOnce
        let count = bytes.count
        guard count <= maxBytes, count < Int(Int32.max) else { throw XMLStreamError.tooLarge(count) }
        if XMLStreamReader.prologHasDoctype(bytes) { throw XMLStreamError.unsafe("DOCTYPE declaration") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
        buffer.copyBytes(from: bytes)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard
            let reader = xmlReaderForMemory(
                buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(count), nil, nil, options)
        else {
            buffer.deallocate()
            throw XMLStreamError.malformed("cannot create reader")
        }
        self.reader = reader
        self.buffer = buffer
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// Advances to the next reported node; false at the end of the document.
    public func read() throws -> Bool {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return false }
            if status < 0 { throw XMLStreamError.malformed("parse error") }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case 1:
                kind = .startElement
                setName()
                isEmptyElement = xmlTextReaderIsEmptyElement(reader) == 1
            case 15:
                kind = .endElement
                setName()
                isEmptyElement = false
            case 3:
                kind = .text
            case 4:
                kind = .cdata
            case 13, 14:
                kind = .whitespace
            case 5, 6, 10, 12:
                // Entity reference, entity, DOCTYPE, notation: never legitimate in the formats we read.
                throw XMLStreamError.unsafe("DTD or entity node (type \(type))")
            default:
                continue
            }
            depth = Int(xmlTextReaderDepth(reader))
            return true
        }
    }

    /// The text of the current text, whitespace or CDATA node.
    public var value: String {
        guard let pointer = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: pointer)
    }

    /// Appends the current node's text to `target` without an intermediate copy where possible.
    public func appendValue(to target: inout String) {
        guard let pointer = xmlTextReaderConstValue(reader) else { return }
        target += String(cString: pointer)
    }

    /// The attribute `name` in namespace `namespace` (nil or empty: an unqualified attribute) of the current element.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        let pointer: UnsafeMutablePointer<xmlChar>?
        if let namespace, !namespace.isEmpty {
            pointer = xmlTextReaderGetAttributeNs(reader, name, namespace)
        } else {
            pointer = xmlTextReaderGetAttribute(reader, name)
        }
        guard let pointer else { return nil }
        defer { gc_xml_free(pointer) }
        return String(cString: pointer)
    }

    /// All attributes of the current element except namespace declarations.
    public func attributes() -> [XMLAttribute] {
        var result: [XMLAttribute] = []
        guard xmlTextReaderHasAttributes(reader) == 1 else { return result }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let namespace = interned(xmlTextReaderConstNamespaceUri(reader))
            if namespace == "http://www.w3.org/2000/xmlns/" { continue }
            let name = interned(xmlTextReaderConstLocalName(reader))
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            result.append(XMLAttribute(namespace: namespace, name: name, value: value))
        }
        xmlTextReaderMoveToElement(reader)
        return result
    }

    /// Skips the rest of the current element (its children and end tag). After it the reader sits on the element's
    /// last node, so the next `read()` returns what follows the element.
    public func skipElement() throws {
        guard kind == .startElement, !isEmptyElement else { return }
        let target = depth
        while try read() {
            if kind == .endElement, depth == target { return }
        }
    }

    /// The concatenated text of the current element's descendants; leaves the reader on its end tag.
    public func elementText() throws -> String {
        guard kind == .startElement, !isEmptyElement else { return "" }
        let target = depth
        var text = ""
        while try read() {
            switch kind {
            case .text, .whitespace, .cdata: appendValue(to: &text)
            case .endElement where depth == target: return text
            default: break
            }
        }
        return text
    }

    private func setName() {
        localName = interned(xmlTextReaderConstLocalName(reader))
        namespaceURI = interned(xmlTextReaderConstNamespaceUri(reader))
    }

    private func interned(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        if let cached = nameCache[key] { return cached }
        let string = String(cString: pointer)
        nameCache[key] = string
        return string
    }

    /// True when a DOCTYPE appears before the root element. Scans only the prolog (XML declaration, comments,
    /// processing instructions), so the cost does not grow with the document; the node-type check in `read()`
    /// covers anything this misses.
    static func prologHasDoctype<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(1 << 20))
        let lt = UInt8(ascii: "<")
        var i = 0
        func startsWith(_ text: String, at index: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard index + pattern.count <= head.count else { return false }
            return head[index..<(index + pattern.count)].elementsEqual(pattern)
        }
        func skip(past terminator: String, from index: Int) -> Int? {
            let pattern = Array(terminator.utf8)
            var j = index
            while j + pattern.count <= head.count {
                if head[j] == pattern[0], head[j..<(j + pattern.count)].elementsEqual(pattern) { return j + pattern.count }
                j += 1
            }
            return nil
        }
        while i < head.count {
            guard head[i] == lt else { i += 1; continue }
            if startsWith("<?", at: i) {
                guard let next = skip(past: "?>", from: i + 2) else { return false }
                i = next
            } else if startsWith("<!--", at: i) {
                guard let next = skip(past: "-->", from: i + 4) else { return false }
                i = next
            } else if startsWith("<!", at: i) {
                return startsWith("<!DOCTYPE", at: i) || startsWith("<!doctype", at: i) || startsWith("<!ENTITY", at: i)
            } else {
                return false
            }
        }
        return false
    }
}

public struct XMLAttribute: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var value: String
}

/// A small in-memory tree for parts that are read as a whole (styles, numbering, relationships, core properties).
/// Built from the hardened stream reader, with a cap on the number of nodes.
public struct XMLTreeElement: Sendable {
    public var namespace: String
    public var name: String
    public var attributes: [XMLAttribute]
    public var children: [XMLTreeElement]
    /// Direct text content (text nodes that are children of this element), concatenated.
    public var text: String

    public init(namespace: String, name: String, attributes: [XMLAttribute] = [], children: [XMLTreeElement] = [], text: String = "") {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        let ns = namespace ?? ""
        return attributes.first { $0.name == name && $0.namespace == ns }?.value
    }

    /// The first child element with this name and namespace.
    public func child(_ name: String, namespace: String) -> XMLTreeElement? {
        children.first { $0.name == name && $0.namespace == namespace }
    }

    public func children(_ name: String, namespace: String) -> [XMLTreeElement] {
        children.filter { $0.name == name && $0.namespace == namespace }
    }

    /// Parses a whole document into a tree, refusing more than `maxNodes` elements.
    public static func parse<Bytes: Collection>(
        _ bytes: Bytes, maxBytes: Int = XMLStreamReader.defaultMaxBytes, maxNodes: Int = 2_000_000
    ) throws -> XMLTreeElement where Bytes.Element == UInt8 {
        let reader = try XMLStreamReader(bytes: bytes, maxBytes: maxBytes)
        var stack: [XMLTreeElement] = []
        var root: XMLTreeElement?
        var nodes = 0
        while try reader.read() {
            switch reader.kind {
            case .startElement:
                nodes += 1
                if nodes > maxNodes { throw XMLStreamError.tooLarge(nodes) }
                let element = XMLTreeElement(
                    namespace: reader.namespaceURI, name: reader.localName, attributes: reader.attributes())
                if reader.isEmptyElement {
                    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                } else {
                    stack.append(element)
                }
            case .endElement:
                guard let element = stack.popLast() else { throw XMLStreamError.malformed("unbalanced end tag") }
                if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
            case .text, .whitespace, .cdata:
                if !stack.isEmpty { reader.appendValue(to: &stack[stack.count - 1].text) }
            }
        }
        guard let root else { throw XMLStreamError.malformed("no root element") }
        return root
    }
}
