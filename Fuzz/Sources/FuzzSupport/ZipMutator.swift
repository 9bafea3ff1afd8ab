import CLibFuzzer
import DOCXWriter
import Foundation

@testable import Ingest

/// A libFuzzer custom mutator for formats inside a ZIP container (DOCX, OFD). Byte mutations of a deflated archive
/// almost never inflate to a part the parsers can read, so most rounds unpack the archive, mutate one part (bytes, or
/// a number swapped for an extreme one) and pack it again; the rest mutate the raw bytes, to reach the container code.
public enum ZipMutator {
    /// Values that overflow, vanish or mean nothing once a reader converts them.
    static let extremes = [
        "1e40", "-1e40", "1e308", "-1e308", "1e-320", "nan", "inf", "-inf", "2147483648", "-2147483649",
        "9223372036854775807", "-9223372036854775808", "99999999999999999999", "0", "-1", "65536",
    ]

    public static func mutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
        var random = SplitMix(seed)
        if random.next() % 8 != 0, let packed = mutatePart(Data(bytes: data, count: size), &random), packed.count <= maxSize {
            packed.copyBytes(to: data, count: packed.count)
            return packed.count
        }
        return LLVMFuzzerMutate(data, size, maxSize)
    }

    private static func mutatePart(_ data: Data, _ random: inout SplitMix) -> Data? {
        guard var parts = unpack(data), !parts.isEmpty else { return nil }
        // Parts the parsers read are XML; the rest (images, fonts) are left alone most of the time.
        let xml = parts.indices.filter { parts[$0].name.hasSuffix(".xml") || parts[$0].name.hasSuffix(".rels") }
        let pool = xml.isEmpty || random.next() % 10 == 0 ? Array(parts.indices) : xml
        let pick = pool[Int(random.next() % UInt64(pool.count))]
        parts[pick].bytes = random.next() % 3 == 0 ? swapNumber(parts[pick].bytes, &random) : mutateBytes(parts[pick].bytes)
        let entries = parts.map { ZipWriter.Entry($0.name, $0.bytes, stored: true) }
        return try? ZipWriter(entries: entries).data()
    }

    private static func unpack(_ data: Data) -> [(name: String, bytes: [UInt8])]? {
        guard let archive = try? ZipArchive(data: data, budget: ZipBudget(limits: IngestLimits())) else { return nil }
        var parts: [(name: String, bytes: [UInt8])] = []
        for entry in archive.entries where !entry.isDirectory {
            guard let bytes = try? archive.read(entry, maxBytes: 4 << 20) else { return nil }
            parts.append((entry.name, bytes))
        }
        return parts
    }

    private static func mutateBytes(_ bytes: [UInt8]) -> [UInt8] {
        var buffer = bytes + [UInt8](repeating: 0, count: min(bytes.count, 64 << 10) + 64)
        let produced = buffer.withUnsafeMutableBufferPointer { LLVMFuzzerMutate($0.baseAddress, bytes.count, $0.count) }
        return Array(buffer.prefix(produced))
    }

    /// One number in the part (a run of digits with its sign, point and exponent) replaced by an extreme value.
    static func swapNumber(_ bytes: [UInt8], _ random: inout SplitMix) -> [UInt8] {
        let digits = bytes.indices.filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
        guard !digits.isEmpty else { return bytes }
        var start = digits[Int(random.next() % UInt64(digits.count))]
        var end = start
        func numeric(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2D || b == 0x2B }
        while start > 0, numeric(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, numeric(bytes[end]) { end += 1 }
        let value = extremes[Int(random.next() % UInt64(extremes.count))]
        return Array(bytes[..<start]) + Array(value.utf8) + Array(bytes[end...])
    }
}

/// A small seeded generator, so a mutation is repeatable from libFuzzer's seed.
struct SplitMix {
    private var state: UInt64

    init(_ seed: UInt32) { state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
