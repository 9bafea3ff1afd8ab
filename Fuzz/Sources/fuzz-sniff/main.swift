import Foundation
import FuzzSupport
import Ingest

// The sniffer under the names that change its answers (an extension that promises a format, one that does not).
exit(Fuzz.run { start, count in
    let data = Fuzz.data(start, count)
    for name in ["fuzz.bin", "fuzz.docx", "fuzz.doc", "fuzz.wps", "fuzz.ofd"] {
        _ = FormatSniffer.inspect(data, fileName: name)
    }
    return 0
})
