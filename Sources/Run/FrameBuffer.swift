import Foundation

/// The worker protocol's framing over a byte stream: lines, and byte counts of payload after a line. Both ends read
/// through one of these; each fills it from its own descriptor (the run with a deadline, a worker blocking).
struct FrameBuffer {
    private var bytes: [UInt8] = []
    /// Where unread bytes start.
    private var start = 0
    /// Unread bytes already searched for a newline, so a long line is scanned once however many reads it takes.
    private var searched = 0

    var unread: Int { bytes.count - start }

    /// The next whole line without its newline, or nil until one is buffered.
    mutating func line() -> Data? {
        guard let newline = bytes[(start + searched)...].firstIndex(of: 0x0A) else {
            searched = unread
            return nil
        }
        defer {
            start = newline + 1
            searched = 0
        }
        return Data(bytes[start..<newline])
    }

    /// The next `count` bytes, or nil until they are buffered.
    mutating func payload(_ count: Int) -> Data? {
        guard unread >= count else { return nil }
        defer {
            start += count
            searched = 0
        }
        return Data(bytes[start..<start + count])
    }

    /// What is left when the stream ends without a final newline.
    mutating func rest() -> Data? {
        guard unread > 0 else { return nil }
        defer { start = bytes.count }
        return Data(bytes[start...])
    }

    /// Adds bytes read; the bytes already taken are dropped first.
    mutating func append(_ chunk: ArraySlice<UInt8>) {
        if start > 0 {
            bytes.removeSubrange(..<start)
            start = 0
        }
        bytes.append(contentsOf: chunk)
    }
}
