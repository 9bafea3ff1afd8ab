import CPoppler
import Foundation

/// Renders a PDF page with poppler's cairo backend, for OCR.
enum PageRenderer {
    /// Renders a page to an 8-bit grey PGM: what OCR needs, and several times faster than PNG, whose compression
    /// costs about as much as recognising the page. `page` is a `PopplerPage*`; 300 dpi is what tesseract is trained
    /// for. Returns the pixels per PDF point used (below dpi/72 for oversized pages), or nil when no image was made.
    static func renderGrayscale(page: OpaquePointer, dpi: Double = 300, to url: URL, maxPixels: Int = 40_000_000) -> Double? {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard width.isFinite, height.isFinite, width > 0, height > 0 else { return nil }
        var scale = dpi / 72
        // Oversized pages (posters, drawings) are scaled down rather than allocating gigabytes.
        let pixels = width * scale * height * scale
        if pixels > Double(maxPixels) { scale *= (Double(maxPixels) / pixels).squareRoot() }
        // A page box can be absurd in one direction only; cairo refuses sides over 32,767 pixels anyway.
        let w = Int32(min(max(1, (width * scale).rounded(.up)), 32_767))
        let h = Int32(min(max(1, (height * scale).rounded(.up)), 32_767))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        poppler_page_render_for_printing(page, cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        guard let source = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let columns = Int(w)
        let rows = Int(h)
        let header = Array("P5\n\(columns) \(rows)\n255\n".utf8)
        var bytes = [UInt8](repeating: 0, count: header.count + columns * rows)
        bytes.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            for (i, byte) in header.enumerated() { base[i] = byte }
            var target = base + header.count
            for y in 0..<rows {
                // RGB24 pixels are native-endian 32-bit words: 0xXXRRGGBB.
                let row = UnsafeRawPointer(source + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<columns {
                    let p = row[x]
                    let r = (p >> 16) & 0xFF
                    let g = (p >> 8) & 0xFF
                    let b = p & 0xFF
                    target[x] = UInt8(truncatingIfNeeded: (r &* 77 &+ g &* 150 &+ b &* 29) >> 8)
                }
                target += columns
            }
        }
        do {
            try Data(bytes).write(to: url)
        } catch {
            return nil
        }
        return scale
    }
}
