/// A read-only, bounds-checked view of an OLE2 compound file ([MS-CFB]): enough to list the top-level streams and
/// read the first bytes of one, so that sniffing can tell a Word binary from an encrypted OOXML package, a workbook
/// or a damaged file. Every offset is checked against the buffer and every sector chain is capped, because the
/// input is untrusted: a loop in the FAT or a sector number past the end must end in an error, not a hang or a trap.
struct CompoundFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    enum EntryType: UInt8 {
        case storage = 1
        case stream = 2
        case root = 5
    }

    struct Entry {
        var name: String
        var type: EntryType
        var left: UInt32
        var right: UInt32
        var child: UInt32
        var start: UInt32
        var size: UInt64
    }

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    // Special sector numbers: anything at or above maxRegular is not a sector ([MS-CFB] 2.1).
    static let maxRegular: UInt32 = 0xFFFF_FFFA
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let noStream: UInt32 = 0xFFFF_FFFF
    /// More directory entries than any real document has; a larger directory is treated as damage.
    static let maxEntries = 100_000

    let sectorSize: Int
    let miniSectorSize: Int
    let miniStreamCutoff: UInt64
    /// Sectors that start inside the buffer (the last one may be cut short).
    let sectorCount: Int
    let fat: [UInt32]
    let miniFAT: [UInt32]
    let entries: [Entry]

    init(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        guard bytes.count >= 512, Array(bytes[0..<8]) == Self.signature else { throw Failure("no OLE2 header") }
        guard Self.le16(bytes, 0x1C) == 0xFFFE else { throw Failure("bad byte order mark") }
        let sectorShift = Self.le16(bytes, 0x1E)
        let miniShift = Self.le16(bytes, 0x20)
        guard sectorShift == 9 || sectorShift == 12, miniShift == 6 else {
            throw Failure("unsupported sector sizes 2^\(sectorShift)/2^\(miniShift)")
        }
        sectorSize = 1 << Int(sectorShift)
        miniSectorSize = 1 << Int(miniShift)
        miniStreamCutoff = UInt64(Self.le32(bytes, 0x38))
        // Sector n starts at (n + 1) * sectorSize: the header occupies the first sector's slot.
        sectorCount = max(0, (bytes.count + sectorSize - 1) / sectorSize - 1)

        let fatSectorCount = Int(Self.le32(bytes, 0x2C))
        guard fatSectorCount <= sectorCount else { throw Failure("header claims \(fatSectorCount) FAT sectors") }
        // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors whose last slot links to the next.
        var fatSectors: [UInt32] = []
        for i in 0..<109 where fatSectors.count < fatSectorCount {
            fatSectors.append(Self.le32(bytes, 0x4C + 4 * i))
        }
        var difat = Self.le32(bytes, 0x44)
        var difatSeen = 0
        let perSector = sectorSize / 4
        while fatSectors.count < fatSectorCount {
            guard difat < Self.maxRegular, Int(difat) < sectorCount, difatSeen < sectorCount else {
                throw Failure("DIFAT chain ends before all \(fatSectorCount) FAT sectors are listed")
            }
            difatSeen += 1
            let base = (Int(difat) + 1) * sectorSize
            guard base + sectorSize <= bytes.count else { throw Failure("DIFAT sector \(difat) past the end of the file") }
            for i in 0..<(perSector - 1) where fatSectors.count < fatSectorCount {
                fatSectors.append(Self.le32(bytes, base + 4 * i))
            }
            difat = Self.le32(bytes, base + 4 * (perSector - 1))
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectorCount * perSector)
        for sector in fatSectors {
            let base = (Int(sector) + 1) * sectorSize
            guard sector < Self.maxRegular, base + sectorSize <= bytes.count else {
                throw Failure("FAT sector \(sector) past the end of the file")
            }
            for i in 0..<perSector { fat.append(Self.le32(bytes, base + 4 * i)) }
        }
        self.fat = fat

        // Directory: 128-byte entries in the chain that starts at the header's first directory sector.
        let directoryChain = try Self.chain(from: Self.le32(bytes, 0x30), fat: fat, limit: sectorCount, what: "directory")
        var entries: [Entry] = []
        for sector in directoryChain {
            let base = (Int(sector) + 1) * sectorSize
            guard base + sectorSize <= bytes.count else { throw Failure("directory sector \(sector) past the end of the file") }
            for slot in 0..<(sectorSize / 128) {
                guard entries.count < Self.maxEntries else { throw Failure("more than \(Self.maxEntries) directory entries") }
                entries.append(Self.entry(bytes, at: base + 128 * slot, version3: sectorShift == 9))
            }
        }
        guard let root = entries.first, root.type == .root else { throw Failure("no root entry") }
        self.entries = entries

        // The mini FAT maps the 64-byte sectors of the mini stream, which is the root entry's own data.
        var miniFAT: [UInt32] = []
        let miniFATChain = try Self.chain(from: Self.le32(bytes, 0x3C), fat: fat, limit: sectorCount, what: "mini FAT")
        for sector in miniFATChain {
            let base = (Int(sector) + 1) * sectorSize
            guard base + sectorSize <= bytes.count else { throw Failure("mini FAT sector \(sector) past the end of the file") }
            for i in 0..<perSector { miniFAT.append(Self.le32(bytes, base + 4 * i)) }
        }
        self.miniFAT = miniFAT
    }

    /// The entries directly under the root storage, found through its red-black tree (siblings of root's child).
    var topLevel: [Entry] {
        var result: [Entry] = []
        var visited = Set<UInt32>()
        var stack: [UInt32] = [entries[0].child]
        while let id = stack.popLast() {
            guard id < Self.maxRegular, Int(id) < entries.count, visited.insert(id).inserted else { continue }
            let entry = entries[Int(id)]
            result.append(entry)
            stack.append(entry.left)
            stack.append(entry.right)
        }
        return result
    }

    func topLevelStream(_ name: String) -> Entry? {
        topLevel.first { $0.type == .stream && $0.name.sameEntryName(name) }
    }

    func has(_ name: String) -> Bool {
        topLevel.contains { $0.name.sameEntryName(name) }
    }

    /// Up to `limit` bytes from the start of a stream. Throws when the stream's sectors are missing, so a file cut
    /// short is reported as damaged rather than read as a shorter document.
    func read(_ entry: Entry, from bytes: UnsafeBufferPointer<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        let wanted = Int(min(entry.size, UInt64(limit)))
        if entry.size < miniStreamCutoff {
            let miniStream = try readRegular(entries[0], from: bytes, limit: Int.max)
            let chain = try Self.chain(from: entry.start, fat: miniFAT, limit: miniFAT.count, what: "mini stream")
            var out: [UInt8] = []
            for sector in chain where out.count < wanted {
                let base = Int(sector) * miniSectorSize
                guard base + miniSectorSize <= miniStream.count else { throw Failure("mini sector \(sector) outside the mini stream") }
                out += miniStream[base..<(base + miniSectorSize)]
            }
            guard out.count >= wanted else { throw Failure("stream \(entry.name) is shorter than its declared size") }
            return Array(out.prefix(wanted))
        }
        return try readRegular(entry, from: bytes, limit: limit)
    }

    /// Whether every sector of the stream is present in the buffer (a truncated file fails this).
    func isComplete(_ entry: Entry, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.size <= UInt64(bytes.count) else { return false }
        if entry.size < miniStreamCutoff {
            return (try? read(entry, from: bytes, limit: Int(entry.size))) != nil
        }
        guard let chain = try? Self.chain(from: entry.start, fat: fat, limit: sectorCount, what: entry.name) else { return false }
        let size = Int(entry.size)
        let needed = (size + sectorSize - 1) / sectorSize
        guard chain.count >= needed else { return false }
        // Every sector must be present up to the stream's last byte; only the file's final sector may be short.
        for (index, sector) in chain.prefix(needed).enumerated() {
            let used = index == needed - 1 ? size - index * sectorSize : sectorSize
            guard (Int(sector) + 1) * sectorSize + used <= bytes.count else { return false }
        }
        return true
    }

    private func readRegular(_ entry: Entry, from bytes: UnsafeBufferPointer<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        let wanted = Int(min(entry.size, UInt64(limit)))
        let chain = try Self.chain(from: entry.start, fat: fat, limit: sectorCount, what: entry.name)
        var out: [UInt8] = []
        out.reserveCapacity(min(wanted, 1 << 20))
        for sector in chain where out.count < wanted {
            let base = (Int(sector) + 1) * sectorSize
            let take = min(sectorSize, wanted - out.count)
            guard base + take <= bytes.count else { throw Failure("sector \(sector) of \(entry.name) past the end of the file") }
            out += bytes[base..<(base + take)]
        }
        guard out.count >= wanted else { throw Failure("stream \(entry.name) is shorter than its declared size") }
        return out
    }

    /// Follows a sector chain; a chain longer than `limit` can only be a loop.
    static func chain(from start: UInt32, fat: [UInt32], limit: Int, what: String) throws(Failure) -> [UInt32] {
        var result: [UInt32] = []
        var sector = start
        while sector != endOfChain {
            guard sector < maxRegular, Int(sector) < fat.count else {
                if sector == noStream && result.isEmpty { return [] }
                throw Failure("\(what) chain points at sector \(sector), outside the FAT")
            }
            guard result.count < limit else { throw Failure("\(what) chain loops") }
            result.append(sector)
            sector = fat[Int(sector)]
        }
        return result
    }

    private static func entry(_ bytes: UnsafeBufferPointer<UInt8>, at base: Int, version3: Bool) -> Entry {
        let nameLength = min(Int(le16(bytes, base + 64)), 64)
        var units: [UInt16] = []
        var i = 0
        while i + 1 < nameLength {
            let unit = le16(bytes, base + i)
            if unit == 0 { break }
            units.append(unit)
            i += 2
        }
        // Version 3 writers may leave garbage in the size's high half; [MS-CFB] says to ignore it there.
        let high = version3 ? 0 : UInt64(le32(bytes, base + 0x7C))
        return Entry(
            name: String(decoding: units, as: UTF16.self), type: EntryType(rawValue: bytes[base + 66]) ?? .storage,
            left: le32(bytes, base + 68), right: le32(bytes, base + 72), child: le32(bytes, base + 76),
            start: le32(bytes, base + 0x74), size: UInt64(le32(bytes, base + 0x78)) | high << 32)
    }

    static func le16(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16 {
        guard i >= 0, i + 2 <= b.count else { return 0 }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func le32(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        guard i >= 0, i + 4 <= b.count else { return 0 }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

extension String {
    /// Directory names compare case-insensitively ([MS-CFB] 2.6.4; simple upper-casing suffices here).
    fileprivate func sameEntryName(_ other: String) -> Bool {
        uppercased() == other.uppercased()
    }
}
