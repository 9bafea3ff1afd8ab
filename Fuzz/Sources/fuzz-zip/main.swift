import Foundation
import FuzzSupport

@testable import Ingest

// The package reader over its ZIP container: names, nesting and limits. Entries that are not ZIPs are only sniffed;
// the DOCX, OFD and PDF targets fuzz those readers.
exit(Fuzz.run { start, count in
    _ = ZIPPackageReader.read(
        data: Fuzz.data(start, count), displayPath: "fuzz.zip", budget: ZipBudget(limits: Fuzz.limits), depth: 0
    ) { data, path, _ in
        _ = FormatSniffer.inspect(data, fileName: path)
        return []
    }
    return 0
})
