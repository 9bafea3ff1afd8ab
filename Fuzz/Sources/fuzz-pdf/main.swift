import FuzzSupport
import Ingest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    _ = PDFReader.read(data: Fuzz.data(start, count), displayPath: "fuzz.pdf", limits: Fuzz.limits)
    return 0
}
