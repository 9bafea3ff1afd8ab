import Foundation
import Sections

/// The year a project belongs to, for statistics by year: project.yaml's `year`, else the earliest date printed
/// on its documents' title pages, else the earliest date the documents carry at all (their creation dates, which
/// say when a file was saved or converted, not when the project was).
enum ProjectYear {
    static func year(metadata: ProjectMetadata, documents: [IndexedDocument]) -> Int? {
        if let year = metadata.year { return year }
        let readable = documents.filter(\.readable)
        let printed = readable.compactMap(DocumentClassifier.printedDate).compactMap(year(of:))
        if let earliest = printed.min() { return earliest }
        return readable.compactMap(DocumentClassifier.date).compactMap(year(of:)).min()
    }

    static func year(of isoDate: String) -> Int? {
        Int(isoDate.prefix(4))
    }
}
