import CPoppler
import Foundation

/// Renders a PDF page to a PNG with poppler's cairo backend, for OCR.
enum PageRenderer {
    /// `page` is a `PopplerPage*`; 300 dpi is what tesseract is trained for. Returns the pixels per PDF point used
    /// (below dpi/72 for oversized pages), or nil when the image could not be made.
    static func renderPNG(page: OpaquePointer, dpi: Double = 300, to url: URL, maxPixels: Int = 40_000_000) -> Double? {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard width > 0, height > 0 else { return nil }
        var scale = dpi / 72
        // Oversized pages (posters, drawings) are scaled down rather than allocating gigabytes.
        let pixels = width * scale * height * scale
        if pixels > Double(maxPixels) { scale *= (Double(maxPixels) / pixels).squareRoot() }
        let w = Int32(max(1, (width * scale).rounded(.up)))
        let h = Int32(max(1, (height * scale).rounded(.up)))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        poppler_page_render_for_printing(page, cr)
        cairo_destroy(cr)
        return cairo_surface_write_to_png(surface, url.path) == CAIRO_STATUS_SUCCESS ? scale : nil
    }
}
