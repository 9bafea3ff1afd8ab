import Foundation
import FuzzSupport
import Ingest

exit(Fuzz.run { start, count in
    _ = PDFReader.read(data: Fuzz.data(start, count), displayPath: "fuzz.pdf", limits: Fuzz.limits)
    return 0
})
