import CXlsxWriter
import Check
import Foundation

/// Batch `findings.xlsx`, written by libxlsxwriter: a 项目汇总 sheet (one row per project) and a 检查结果 sheet
/// (one row per finding), both with filters, frozen header rows, wrapped text, and A4 landscape printing. Cells are always written as
/// text or numbers, never formulas, and formula-like text is neutralised as in summary.csv.
public enum FindingsWorkbook {
    public struct WriteError: Error, CustomStringConvertible {
        public let detail: String
        public var description: String { "无法写出 Excel 工作簿：\(detail)" }
    }

    /// Writes the workbook atomically: libxlsxwriter writes a temporary file beside the target, renamed on success.
    public static func write(_ entries: [IndexEntry], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temp) }
        try build(entries, path: temp.path)
        try AtomicFile.write(try Data(contentsOf: temp), to: url)
    }

    public static func data(_ entries: [IndexEntry]) throws -> Data {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("findings-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: temp) }
        try build(entries, path: temp.path)
        return try Data(contentsOf: temp)
    }

    static func build(_ entries: [IndexEntry], path: String) throws {
        guard let workbook = workbook_new(path) else { throw WriteError(detail: "workbook_new 失败") }
        let formats = Formats(workbook)
        let projects = workbook_add_worksheet(workbook, "项目汇总")
        sheet(projects, header: FindingRows.projectHeader, rows: FindingRows.projects(entries),
              widths: [36, 34, 16, 14, 24, 10, 8, 8, 8, 8, 8, 12, 40], numeric: Set(5...11), formats: formats)
        let findings = workbook_add_worksheet(workbook, "检查结果")
        sheet(findings, header: FindingRows.findingHeader, rows: FindingRows.findings(entries.map(\.report)),
              widths: [30, 14, 14, 12, 24, 18, 22, 8, 10, 40, 6, 28, 40, 36, 12, 50],
              numeric: [FindingRows.pageColumn], formats: formats)
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw WriteError(detail: String(cString: lxw_strerror(result)))
        }
    }

    struct Formats {
        let header: UnsafeMutablePointer<lxw_format>?
        let wrap: UnsafeMutablePointer<lxw_format>?

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            header = workbook_add_format(workbook)
            format_set_bold(header)
            format_set_bg_color(header, 0xE8_E8_E8)
            format_set_text_wrap(header)
            format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            wrap = workbook_add_format(workbook)
            format_set_text_wrap(wrap)
            format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
    }

    /// One sheet: header row, data rows, column widths, an autofilter over everything, the header frozen.
    static func sheet(_ ws: UnsafeMutablePointer<lxw_worksheet>?, header: [String], rows: [[String]], widths: [Double],
                      numeric: Set<Int>, formats: Formats) {
        for (c, width) in widths.enumerated() { worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), width, formats.wrap) }
        for (c, title) in header.enumerated() { worksheet_write_string(ws, 0, lxw_col_t(c), title, formats.header) }
        for (r, row) in rows.enumerated() {
            for (c, value) in row.enumerated() where !value.isEmpty {
                let row = lxw_row_t(r + 1), col = lxw_col_t(c)
                if numeric.contains(c), let number = Double(value) {
                    worksheet_write_number(ws, row, col, number, formats.wrap)
                } else {
                    worksheet_write_string(ws, row, col, SpreadsheetCell.neutralised(cellText(value)), formats.wrap)
                }
            }
        }
        worksheet_autofilter(ws, 0, 0, lxw_row_t(max(rows.count, 1)), lxw_col_t(header.count - 1))
        worksheet_freeze_panes(ws, 1, 0)
        // Printed: A4 landscape, one page wide, the header row on every page.
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9)
        worksheet_fit_to_pages(ws, 1, 0)
        worksheet_repeat_rows(ws, 0, 0)
    }

    /// Excel holds at most 32,767 characters in a cell; longer text is cut with a mark rather than refused.
    static func cellText(_ value: String) -> String {
        value.utf16.count <= 32_000 ? value : String(value.prefix(30_000)) + "……（已截断）"
    }
}
