import DocumentModel
import Foundation
import XMLStream

/// A stretch of text drawn on one baseline, in page millimetres (origin top-left).
struct OFDTextRun {
    var text: String
    var x0: Double
    var x1: Double
    var baseline: Double
    /// The font size as drawn on the page, in millimetres (TextObject Size scaled by the transforms above it).
    var size: Double
    /// Font resource ID.
    var font: String?
    /// Weight ≥ 700.
    var heavy: Bool
}

/// Where an image is drawn, in page millimetres.
struct OFDImagePlacement {
    var resourceID: String
    var x0: Double
    var y0: Double
    var x1: Double
    var y1: Double

    var area: Double { max(0, x1 - x0) * max(0, y1 - y0) }
}

/// What one page (or template page) draws that matters for reading: text runs and images, plus the page's own
/// template references, resources and size.
struct OFDPageContent {
    struct TemplateUse {
        var id: String
        var zOrder: String?
    }

    var runs: [OFDTextRun] = []
    var images: [OFDImagePlacement] = []
    var templates: [TemplateUse] = []
    /// PageRes locations as written, relative to the page's folder.
    var pageResources: [String] = []
    var box: OFDRect?
    /// CompositeObjects naming a unit the resources do not define, or nested past the cap.
    var unresolvedComposites = 0
}

/// Streams one page's Content.xml (or replays a composite graphic unit) and collects positioned text.
///
/// Text is found wherever it is drawn: in layers, in PageBlocks nested to any depth (up to a cap), and in
/// CompositeObjects that draw a CompositeGraphicUnit from the resources. Clip paths, fill patterns and glyph
/// transforms are skipped: text there is geometry, not something a reader sees as text.
struct OFDContentParser {
    /// Deeper PageBlock nesting is hostile, not layout.
    static let maxBlockDepth = 64
    /// Composite units drawing composite units: a cap that also stops reference cycles.
    static let maxCompositeDepth = 8
    static let maxGlyphsPerPage = 2_000_000

    private struct TextObjectState {
        var transform: OFDMatrix
        var size: Double
        var font: String?
        var heavy: Bool
        var hScale: Double
        var lastX: Double?
        var lastY: Double?
    }

    private struct TextCodeState {
        var x: Double
        var y: Double
        var deltaX: String?
        var deltaY: String?
        var text = ""
    }

    private let resources: OFDResources
    private(set) var content = OFDPageContent()
    private var names: [String] = []
    private var base: [OFDMatrix] = [.identity]
    private var blockDepth = 0
    private var compositeDepth = 0
    private var textObject: TextObjectState?
    private var textCode: TextCodeState?
    private var capture: String?
    private var glyphs = 0

    init(resources: OFDResources) {
        self.resources = resources
    }

    /// Parses a page. Throws `IngestError` (unsafe nesting, too many glyphs) or `XMLStreamError`.
    static func parse(_ bytes: [UInt8], resources: OFDResources, maxBytes: Int) throws -> OFDPageContent {
        var parser = OFDContentParser(resources: resources)
        let reader = try XMLStreamReader(bytes: bytes, maxBytes: maxBytes)
        while try reader.read() {
            switch reader.kind {
            case .startElement:
                let name = reader.localName
                let empty = reader.isEmptyElement
                if try parser.start(name, attribute: { reader.attribute($0) }) {
                    if empty { try parser.end(name) }
                } else {
                    try reader.skipElement()
                }
            case .endElement:
                try parser.end(reader.localName)
            case .text, .cdata, .whitespace:
                try parser.characters(reader.value)
            }
        }
        return parser.content
    }

    // MARK: - Events

    /// Handles an element's start; false when its subtree is to be skipped.
    private mutating func start(_ name: String, attribute: (String) -> String?) throws -> Bool {
        switch name {
        case "Clips", "Clip", "FillColor", "StrokeColor", "CGTransform", "Actions", "Pattern", "AbbreviatedData":
            return false
        case "PageBlock":
            blockDepth += 1
            if blockDepth > Self.maxBlockDepth {
                throw IngestError(.unsafe, detail: "PageBlock nesting deeper than \(Self.maxBlockDepth)")
            }
        case "TextObject":
            let transform = placement(attribute)
            // Sizes and scales are clamped at parse (Size="1e40" is hostile, not large print).
            let size = OFDNumbers.value(attribute("Size")).flatMap { $0 > 0 ? $0 : nil } ?? 3.5
            // Some producers write "700.0".
            let weight = OFDNumbers.value(attribute("Weight")) ?? 400
            let hScale = OFDNumbers.value(attribute("HScale")).flatMap { $0 > 0 ? $0 : nil } ?? 1
            textObject = TextObjectState(
                transform: transform, size: size, font: attribute("Font"), heavy: weight >= 700, hScale: hScale)
        case "TextCode":
            guard let object = textObject else { return false }
            let x = OFDNumbers.value(attribute("X")) ?? object.lastX ?? 0
            let y = OFDNumbers.value(attribute("Y")) ?? object.lastY ?? 0
            textObject?.lastX = x
            textObject?.lastY = y
            textCode = TextCodeState(x: x, y: y, deltaX: attribute("DeltaX"), deltaY: attribute("DeltaY"))
        case "ImageObject":
            if let id = attribute("ResourceID") { recordImage(id, attribute) }
        case "CompositeObject":
            try drawComposite(attribute)
        case "Template" where names == ["Page"]:
            if let id = attribute("TemplateID") { content.templates.append(.init(id: id, zOrder: attribute("ZOrder"))) }
        case "PhysicalBox" where names == ["Page", "Area"], "PageRes" where names == ["Page"]:
            capture = ""
        default:
            break
        }
        names.append(name)
        return true
    }

    private mutating func end(_ name: String) throws {
        if !names.isEmpty { names.removeLast() }
        switch name {
        case "PageBlock":
            blockDepth -= 1
        case "TextObject":
            textObject = nil
            textCode = nil
        case "TextCode":
            if let code = textCode, let object = textObject { try layOut(code, in: object) }
            textCode = nil
        case "PhysicalBox", "PageRes":
            if let text = capture {
                if name == "PhysicalBox" {
                    content.box = OFDRect(text)
                } else {
                    let location = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !location.isEmpty { content.pageResources.append(location) }
                }
            }
            capture = nil
        default:
            break
        }
    }

    private mutating func characters(_ value: String) throws {
        if textCode != nil {
            textCode?.text += value
            // Checked as it grows, before the characters are counted one by one.
            if let count = textCode?.text.utf8.count, count > 4 * OFDDeltas.maxCount {
                throw IngestError(.tooLarge, detail: "TextCode of more than \(OFDDeltas.maxCount) characters")
            }
        } else if capture != nil {
            capture? += value
        }
    }

    // MARK: - Objects

    /// The transform from an object's own space to the page: the enclosing transform, then the object's Boundary
    /// origin, then its CTM.
    private func placement(_ attribute: (String) -> String?) -> OFDMatrix {
        let boundary = attribute("Boundary").flatMap(OFDRect.init)
        var matrix = base[base.count - 1]
        if let boundary { matrix = matrix.concatenating(.translation(boundary.x, boundary.y)) }
        if let ctm = OFDMatrix(attribute("CTM")) { matrix = matrix.concatenating(ctm) }
        return matrix
    }

    /// An image's CTM maps the unit square onto the page; without one, the Boundary is the image.
    private mutating func recordImage(_ id: String, _ attribute: (String) -> String?) {
        let boundary = attribute("Boundary").flatMap(OFDRect.init)
        var corners: [(x: Double, y: Double)]
        if let ctm = OFDMatrix(attribute("CTM")) {
            var matrix = base[base.count - 1]
            if let boundary { matrix = matrix.concatenating(.translation(boundary.x, boundary.y)) }
            matrix = matrix.concatenating(ctm)
            corners = [matrix.apply(0, 0), matrix.apply(1, 0), matrix.apply(0, 1), matrix.apply(1, 1)]
        } else if let boundary {
            let matrix = base[base.count - 1]
            corners = [
                matrix.apply(boundary.x, boundary.y), matrix.apply(boundary.x + boundary.width, boundary.y + boundary.height),
            ]
        } else {
            return
        }
        // Transforms nested in composites multiply: the corners are brought back in range, or the image dropped.
        let xs = corners.compactMap { OFDNumbers.finite($0.x) }
        let ys = corners.compactMap { OFDNumbers.finite($0.y) }
        guard xs.count == corners.count, ys.count == corners.count else { return }
        content.images.append(
            OFDImagePlacement(resourceID: id, x0: xs.min()!, y0: ys.min()!, x1: xs.max()!, y1: ys.max()!))
    }

    /// Draws a composite graphic unit in place: its content is replayed through the same handlers, under the
    /// CompositeObject's transform.
    private mutating func drawComposite(_ attribute: (String) -> String?) throws {
        guard let id = attribute("ResourceID"), let unit = resources.units[id],
            compositeDepth < Self.maxCompositeDepth
        else {
            content.unresolvedComposites += 1
            return
        }
        let transform = placement(attribute)
        // Text state belongs to the enclosing page; a unit starts fresh and restores it after.
        let saved = (textObject, textCode, names)
        textObject = nil
        textCode = nil
        names = ["Composite"]
        base.append(transform)
        compositeDepth += 1
        defer {
            compositeDepth -= 1
            base.removeLast()
            (textObject, textCode, names) = saved
        }
        for child in unit.children { try replay(child) }
    }

    private mutating func replay(_ element: XMLTreeElement) throws {
        guard try start(element.name, attribute: { element.value($0) }) else { return }
        if !element.text.isEmpty { try characters(element.text) }
        for child in element.children { try replay(child) }
        try end(element.name)
    }

    // MARK: - Glyph positions

    /// Places each character of a TextCode (X, Y and the expanded deltas) and cuts the code into runs wherever
    /// the pen goes backwards, jumps far ahead or leaves the baseline.
    private mutating func layOut(_ code: TextCodeState, in object: TextObjectState) throws {
        var scalars = Array(code.text.unicodeScalars)
        // Line breaks and tabs around the text are the producer's XML indentation: the deltas do not count them.
        while let first = scalars.first, first.value < 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value < 0x20 { scalars.removeLast() }
        guard !scalars.isEmpty else { return }
        if scalars.count > OFDDeltas.maxCount {
            throw IngestError(.tooLarge, detail: "TextCode of \(scalars.count) characters")
        }
        glyphs += scalars.count
        if glyphs > Self.maxGlyphsPerPage {
            throw IngestError(.tooLarge, detail: "more than \(Self.maxGlyphsPerPage) characters on one page")
        }
        let deltaX = try OFDDeltas.expand(code.deltaX, needed: scalars.count - 1)
        let deltaY = try OFDDeltas.expand(code.deltaY, needed: scalars.count - 1)
        let size = object.size
        var x = code.x
        var y = code.y
        var runStart = 0
        var positions: [(x: Double, y: Double)] = []
        positions.reserveCapacity(scalars.count)
        for i in scalars.indices {
            if i > 0 {
                let dx = i - 1 < deltaX.count ? deltaX[i - 1] : advance(scalars[i - 1], size: size, hScale: object.hScale)
                let dy = i - 1 < deltaY.count ? deltaY[i - 1] : 0
                if dx < -0.1 * size || dx > 4 * size || abs(dy) > 0.3 * size {
                    emit(scalars, positions, from: runStart, to: i, object)
                    runStart = i
                }
                x += dx
                y += dy
            }
            positions.append((x, y))
        }
        emit(scalars, positions, from: runStart, to: scalars.count, object)
    }

    /// The estimated advance of a character where the file gives none: full width for CJK, half for the rest.
    private func advance(_ scalar: Unicode.Scalar, size: Double, hScale: Double) -> Double {
        if scalar == " " { return 0.3 * size * hScale }
        return TextNormalizer.isCJKLike(Character(scalar)) ? size * hScale : 0.5 * size * hScale
    }

    private mutating func emit(
        _ scalars: [Unicode.Scalar], _ positions: [(x: Double, y: Double)], from start: Int, to end: Int,
        _ object: TextObjectState
    ) {
        // Control characters (a stray line feed some producers put first) read as spaces; ends are trimmed.
        var first = start
        var last = end - 1
        func blank(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || s.properties.isWhitespace }
        while first <= last, blank(scalars[first]) { first += 1 }
        while last >= first, blank(scalars[last]) { last -= 1 }
        guard first <= last else { return }
        var view = String.UnicodeScalarView()
        for k in first...last { view.append(scalars[k].value < 0x20 ? " " : scalars[k]) }
        let m = object.transform
        let startPoint = m.apply(positions[first].x, positions[first].y)
        let endX = positions[last].x + advance(scalars[last], size: object.size, hScale: object.hScale)
        let endPoint = m.apply(endX, positions[last].y)
        // Transforms nested in composites multiply: a run is kept only with finite values, brought back in range.
        guard let x0 = OFDNumbers.finite(min(startPoint.x, endPoint.x)),
            let x1 = OFDNumbers.finite(max(startPoint.x, endPoint.x)), let baseline = OFDNumbers.finite(startPoint.y),
            let size = OFDNumbers.finite(object.size * m.verticalScale)
        else { return }
        content.runs.append(
            OFDTextRun(
                text: String(view), x0: x0, x1: x1, baseline: baseline, size: size, font: object.font, heavy: object.heavy))
    }
}
