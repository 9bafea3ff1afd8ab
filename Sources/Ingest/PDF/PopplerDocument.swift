import CPoppler
import DocumentModel
import Foundation

/// An open poppler document. Not thread-safe: one instance belongs to one task and is never shared.
final class PopplerDocument {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) { self.handle = handle }

    deinit { gc_object_unref(UnsafeMutableRawPointer(handle)) }

    /// Opens a PDF held in memory. The bytes are only borrowed: callers keep them alive while the document lives.
    static func open(bytes: UnsafeRawBufferPointer) -> Result<PopplerDocument, IngestError> {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return .failure(IngestError(.corrupt, detail: "empty PDF"))
        }
        guard let gbytes = g_bytes_new_static(base, gsize(bytes.count)) else {
            return .failure(IngestError(.corrupt, detail: "g_bytes_new_static failed"))
        }
        // poppler takes its own reference.
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        let doc = poppler_document_new_from_bytes(gbytes, nil, &error)
        if let error {
            defer { g_error_free(error) }
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown poppler error"
            if let doc { gc_object_unref(UnsafeMutableRawPointer(doc)) }
            return .failure(mapError(domain: error.pointee.domain, code: error.pointee.code, message: message))
        }
        guard let doc else { return .failure(IngestError(.corrupt, detail: "poppler returned no document")) }
        return .success(PopplerDocument(handle: doc))
    }

    static func mapError(domain: GQuark, code: gint, message: String) -> IngestError {
        if domain == poppler_error_quark() {
            switch code {
            case gint(POPPLER_ERROR_ENCRYPTED.rawValue):
                return IngestError(.encrypted, detail: "poppler: \(message)")
            default:
                return IngestError(.corrupt, detail: "poppler error \(code): \(message)")
            }
        }
        return IngestError(.corrupt, detail: "error \(code): \(message)")
    }

    var pageCount: Int { Int(poppler_document_get_n_pages(handle)) }

    var metadata: DocumentMetadata {
        DocumentMetadata(
            title: Self.take(poppler_document_get_title(handle)),
            author: Self.take(poppler_document_get_author(handle)),
            created: Self.iso8601(poppler_document_get_creation_date(handle)),
            modified: Self.iso8601(poppler_document_get_modification_date(handle)))
    }

    /// A glib-allocated UTF-8 string as a Swift string (nil when empty), freed.
    static func take(_ cString: UnsafeMutablePointer<gchar>?) -> String? {
        guard let cString else { return nil }
        defer { g_free(cString) }
        let s = TextNormalizer.collapseWhitespace(String(cString: cString))
        return s.isEmpty ? nil : s
    }

    static func iso8601(_ t: time_t) -> String? {
        guard t > 0 else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
    }

    /// One bookmark: its title, depth (0 = top) and 1-based target page when it resolves to one.
    /// The outline in document order; loops and runaway trees are cut at the given caps.
    func bookmarks(maxDepth: Int = 8, maxCount: Int = 5_000) -> [OutlineEntry] {
        guard let root = poppler_index_iter_new(handle) else { return [] }
        defer { poppler_index_iter_free(root) }
        var out: [OutlineEntry] = []
        walk(root, depth: 0, maxDepth: maxDepth, maxCount: maxCount, into: &out)
        return out
    }

    private func walk(_ iter: OpaquePointer, depth: Int, maxDepth: Int, maxCount: Int, into out: inout [OutlineEntry]) {
        repeat {
            guard out.count < maxCount else { return }
            if let action = poppler_index_iter_get_action(iter) {
                if let item = bookmark(from: action, depth: depth) { out.append(item) }
                poppler_action_free(action)
            }
            if depth + 1 < maxDepth, let child = poppler_index_iter_get_child(iter) {
                walk(child, depth: depth + 1, maxDepth: maxDepth, maxCount: maxCount, into: &out)
                poppler_index_iter_free(child)
            }
        } while poppler_index_iter_next(iter) != 0
    }

    private func bookmark(from action: UnsafeMutablePointer<PopplerAction>, depth: Int) -> OutlineEntry? {
        guard let cTitle = action.pointee.any.title else { return nil }
        let title = TextNormalizer.collapseWhitespace(String(cString: cTitle))
        guard !title.isEmpty else { return nil }
        var page: Int?
        if action.pointee.type == POPPLER_ACTION_GOTO_DEST, let dest = action.pointee.goto_dest.dest {
            page = resolve(dest)
        }
        return OutlineEntry(title: title, depth: depth, page: page)
    }

    /// Headings of a tagged PDF's structure tree (H1…H6, or H as level 1), in document order. Heading
    /// elements are not descended into; the walk stops at the caps. Empty when the PDF is not tagged.
    func structureHeadings(maxDepth: Int = 32, maxElements: Int = 50_000) -> [OutlineEntry] {
        guard let root = poppler_structure_element_iter_new(handle) else { return [] }
        defer { poppler_structure_element_iter_free(root) }
        var out: [OutlineEntry] = []
        var visited = 0
        walkStructure(root, depth: 0, maxDepth: maxDepth, maxElements: maxElements, visited: &visited, into: &out)
        return out
    }

    private func walkStructure(
        _ iter: OpaquePointer, depth: Int, maxDepth: Int, maxElements: Int, visited: inout Int, into out: inout [OutlineEntry]
    ) {
        repeat {
            visited += 1
            guard visited <= maxElements else { return }
            guard let element = poppler_structure_element_iter_get_element(iter) else { continue }
            defer { gc_object_unref(UnsafeMutableRawPointer(element)) }
            let kind = poppler_structure_element_get_kind(element)
            if let level = Self.headingLevel(kind) {
                if let cText = poppler_structure_element_get_text(element, POPPLER_STRUCTURE_GET_TEXT_RECURSIVE) {
                    let title = TextNormalizer.collapseWhitespace(PDFDocEncoding.repair(String(cString: cText)))
                    g_free(cText)
                    let page = Int(poppler_structure_element_get_page(element))
                    if !title.isEmpty { out.append(OutlineEntry(title: title, depth: level - 1, page: page >= 0 ? page + 1 : nil)) }
                }
                continue
            }
            if depth + 1 < maxDepth, poppler_structure_element_is_content(element) == 0,
                let child = poppler_structure_element_iter_get_child(iter)
            {
                walkStructure(child, depth: depth + 1, maxDepth: maxDepth, maxElements: maxElements, visited: &visited, into: &out)
                poppler_structure_element_iter_free(child)
            }
        } while poppler_structure_element_iter_next(iter) != 0
    }

    static func headingLevel(_ kind: PopplerStructureElementKind) -> Int? {
        switch kind {
        case POPPLER_STRUCTURE_ELEMENT_HEADING, POPPLER_STRUCTURE_ELEMENT_HEADING_1: return 1
        case POPPLER_STRUCTURE_ELEMENT_HEADING_2: return 2
        case POPPLER_STRUCTURE_ELEMENT_HEADING_3: return 3
        case POPPLER_STRUCTURE_ELEMENT_HEADING_4: return 4
        case POPPLER_STRUCTURE_ELEMENT_HEADING_5: return 5
        case POPPLER_STRUCTURE_ELEMENT_HEADING_6: return 6
        default: return nil
        }
    }

    private func resolve(_ dest: UnsafeMutablePointer<PopplerDest>) -> Int? {
        if dest.pointee.type == POPPLER_DEST_NAMED {
            guard let name = dest.pointee.named_dest, let found = poppler_document_find_dest(handle, name) else {
                return nil
            }
            defer { poppler_dest_free(found) }
            return found.pointee.page_num > 0 ? Int(found.pointee.page_num) : nil
        }
        return dest.pointee.page_num > 0 ? Int(dest.pointee.page_num) : nil
    }
}
