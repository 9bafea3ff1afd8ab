/// Number lists as OFD writes them (ST_Array, ST_Box, CTM): numbers separated by whitespace.
enum OFDNumbers {
    /// No page measures a kilometre: coordinates, sizes and scales past this many millimetres are clamped to it, so
    /// that what is computed from them (and later converted to integers) stays in range.
    static let maxMagnitude = 1e6

    /// At most `limit` numbers, each clamped; a token that is not a finite number ends the list.
    static func parse(_ text: String, limit: Int) -> [Double] {
        var out: [Double] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "," }) {
            guard out.count < limit, let value = Double(token), value.isFinite else { break }
            out.append(clamp(value))
        }
        return out
    }

    /// One number attribute (X, Y, Size …): nil unless a finite number, clamped to ±`maxMagnitude`.
    static func value(_ text: String?) -> Double? {
        guard let text, let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        return clamp(value)
    }

    /// A computed value (after transforms) back in range; nil when it is no longer a finite number.
    static func clamp(_ value: Double) -> Double {
        min(max(value, -maxMagnitude), maxMagnitude)
    }

    static func finite(_ value: Double) -> Double? {
        value.isFinite ? clamp(value) : nil
    }
}

/// An affine transform as OFD writes a CTM, "a b c d e f": x' = a·x + c·y + e, y' = b·x + d·y + f.
struct OFDMatrix: Sendable, Hashable {
    var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

    static let identity = OFDMatrix()

    init() {}

    init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
    }

    /// nil for anything but six finite numbers.
    init?(_ text: String?) {
        guard let text else { return nil }
        let n = OFDNumbers.parse(text, limit: 6)
        guard n.count == 6 else { return nil }
        self.init(a: n[0], b: n[1], c: n[2], d: n[3], e: n[4], f: n[5])
    }

    static func translation(_ x: Double, _ y: Double) -> OFDMatrix {
        OFDMatrix(a: 1, b: 0, c: 0, d: 1, e: x, f: y)
    }

    func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// `inner` first, then `self`: the transform of a child coordinate system placed inside this one.
    func concatenating(_ inner: OFDMatrix) -> OFDMatrix {
        OFDMatrix(
            a: a * inner.a + c * inner.b, b: b * inner.a + d * inner.b,
            c: a * inner.c + c * inner.d, d: b * inner.c + d * inner.d,
            e: a * inner.e + c * inner.f + e, f: b * inner.e + d * inner.f + f)
    }

    /// How much a vertical length grows: what a font size becomes on the page.
    var verticalScale: Double { (c * c + d * d).squareRoot() }

    /// How much a horizontal length grows.
    var horizontalScale: Double { (a * a + b * b).squareRoot() }
}
