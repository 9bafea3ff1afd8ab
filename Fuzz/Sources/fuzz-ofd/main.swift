import Foundation
import FuzzSupport
import Ingest

@_cdecl("LLVMFuzzerCustomMutator")
public func mutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    ZipMutator.mutate(data, size, maxSize, seed)
}

exit(Fuzz.run { start, count in
    _ = OFDReader.read(data: Fuzz.data(start, count), displayPath: "fuzz.ofd", limits: Fuzz.limits)
    return 0
})
