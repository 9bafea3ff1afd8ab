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
        try write(DigestList(entries: entries), to: url)
    }

    /// Streams the workbook from digests in constant memory: libxlsxwriter keeps one row per sheet and spills the
    /// rest to temporary files beside the target, so the workbook for any number of projects costs the same memory.
    public static func write(_ source: DigestSource, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temp) }
        try build(source, path: temp.path, scratch: folder.path)
        guard rename(temp.path, url.path) == 0 else {
            throw WriteError(detail: "无法替换 \(url.path)")
        }
    }

    public static func data(_ entries: [IndexEntry]) throws -> Data {
        let folder = FileManager.default.temporaryDirectory
        let temp = folder.appendingPathComponent("findings-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: temp) }
        try build(DigestList(entries: entries), path: temp.path, scratch: folder.path)
        return try Data(contentsOf: temp)
    }

    static func build(_ source: DigestSource, path: String, scratch: String) throws {
        let workbook = scratch.withCString { dir -> UnsafeMutablePointer<lxw_workbook>? in
            var options = lxw_workbook_options()
            options.constant_memory = UInt8(LXW_TRUE.rawValue)
            options.tmpdir = UnsafeMutablePointer(mutating: dir)
            return workbook_new_opt(path, &options)
        }
        guard let workbook else { throw WriteError(detail: "workbook_new 失败") }
        let formats = Formats(workbook)
        // In constant-memory mode each sheet takes its rows in order; the two sheets fill side by side in one pass.
        var projects = SheetWriter(workbook_add_worksheet(workbook, "项目汇总"), header: FindingRows.projectHeader,
                                   widths: [36, 34, 16, 14, 24, 10, 8, 8, 8, 8, 8, 12, 40], numeric: Set(5...11),
                                   formats: formats)
        var findings = SheetWriter(workbook_add_worksheet(workbook, "检查结果"), header: FindingRows.findingHeader,
                                   widths: [30, 14, 14, 12, 24, 18, 22, 8, 10, 40, 6, 28, 40, 36, 12, 50],
                                   numeric: [FindingRows.pageColumn], formats: formats)
        do {
            try source.forEachRows { rows in
                projects.add(rows.project)
                for row in rows.findings { findings.add(row) }
            }
        } catch {
            workbook_close(workbook)
            throw error
        }
        projects.finish()
        findings.finish()
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

    /// One sheet written row by row: header, data rows, column widths, then an autofilter over everything and the
    /// header frozen.
    struct SheetWriter {
        let sheet: UnsafeMutablePointer<lxw_worksheet>?
        let columns: Int
        let numeric: Set<Int>
        let formats: Formats
        var rows = 0

        init(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, header: [String], widths: [Double], numeric: Set<Int>,
             formats: Formats) {
            self.sheet = sheet
            self.columns = header.count
            self.numeric = numeric
            self.formats = formats
            for (c, width) in widths.enumerated() {
                worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), width, formats.wrap)
            }
            for (c, title) in header.enumerated() { worksheet_write_string(sheet, 0, lxw_col_t(c), title, formats.header) }
        }

        mutating func add(_ values: [String]) {
            rows += 1
            let row = lxw_row_t(rows)
            for (c, value) in values.enumerated() where !value.isEmpty {
                let col = lxw_col_t(c)
                if numeric.contains(c), let number = Double(value) {
                    worksheet_write_number(sheet, row, col, number, formats.wrap)
                } else {
                    worksheet_write_string(sheet, row, col, SpreadsheetCell.neutralised(cellText(value)), formats.wrap)
                }
            }
        }

        func finish() {
            worksheet_autofilter(sheet, 0, 0, lxw_row_t(max(rows, 1)), lxw_col_t(columns - 1))
            worksheet_freeze_panes(sheet, 1, 0)
            // Printed: A4 landscape, one page wide, the header row on every page.
            worksheet_set_landscape(sheet)
            worksheet_set_paper(sheet, 9)
            worksheet_fit_to_pages(sheet, 1, 0)
            worksheet_repeat_rows(sheet, 0, 0)
        }
    }

    /// Excel holds at most 32,767 characters in a cell; longer text is cut with a mark rather than refused.
    static func cellText(_ value: String) -> String {
        value.utf16.count <= 32_000 ? value : String(value.prefix(30_000)) + "……（已截断）"
    }
}
