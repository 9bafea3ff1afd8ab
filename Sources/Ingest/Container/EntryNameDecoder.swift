import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Decodes raw ZIP entry names. Chinese archivers (WinRAR, 360压缩, Windows' own) store GBK names without the UTF-8
/// flag; libzip's guess would turn them into CP437 mojibake.
public enum EntryNameDecoder {
    static func decode(_ raw: [UInt8], flaggedUTF8: Bool) -> String {
        if let utf8 = String(validating: raw, as: UTF8.self) { return utf8 }
        if let gb = gb18030(raw) { return gb }
        return cp437(raw)
    }

    /// GB18030 (a superset of GBK/CP936) through iconv; nil when the bytes are not valid GB18030.
    public static func gb18030(_ raw: [UInt8]) -> String? {
        let descriptor = iconv_open("UTF-8", "GB18030")
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var input = raw.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: raw.count * 4 + 4)
        let ok = input.withUnsafeMutableBufferPointer { inBuffer -> Int? in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int? in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let length = ok else { return nil }
        return String(validating: output[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// IBM code page 437, the ZIP specification's default for unflagged names.
    static func cp437(_ raw: [UInt8]) -> String {
        var out = String.UnicodeScalarView()
        for byte in raw {
            if byte < 0x80 {
                out.append(Unicode.Scalar(byte))
            } else {
                out.append(cp437High[Int(byte - 0x80)])
            }
        }
        return String(out)
    }

    private static let cp437High: [Unicode.Scalar] = Array(
        ("ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀"
            + "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{00A0}").unicodeScalars)
}
