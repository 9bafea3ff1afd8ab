/// Number lists as OFD writes them (ST_Array, ST_Box, CTM): numbers separated by whitespace.
enum OFDNumbers {
    /// At most `limit` numbers; a token that is not a number ends the list.
    static func parse(_ text: String, limit: Int) -> [Double] {
        var out: [Double] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "," }) {
            guard out.count < limit, let value = Double(token), value.isFinite else { break }
            out.append(value)
        }
        return out
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
