import DocumentModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Converts legacy word-processor files (.doc, .wps, .rtf) to DOCX with LibreOffice headless, so that the DOCX
/// reader sees their heading styles and numbering (plain-text converters lose both).
///
/// Every conversion runs in a private folder holding the input under a neutral name, its own LibreOffice profile
/// (LibreOffice's profile lock makes concurrent conversions that share one fail silently), HOME and TMPDIR; the
/// folder is removed afterwards whatever happened, and the process group is killed on timeout.
public enum LibreOfficeConverter {
    public static var isAvailable: Bool { locate() != nil }
    /// The `soffice` executable found on the PATH, if any.
    public static var executable: String? { locate() }

    /// What a user reads when LibreOffice is missing.
    static let installHint =
        "读取 .doc/.wps/.rtf 文件需要安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），请安装后重试，或提交 DOCX/PDF 版本"

    /// `soffice` (or `libreoffice`) on the PATH of `environment`.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        ExternalTool.find("soffice", environment: environment) ?? ExternalTool.find("libreoffice", environment: environment)
    }

    /// Converts `data` (a file of the kind `fileExtension` names: doc, wps or rtf) and returns the DOCX bytes.
    public static func convertToDOCX(
        data: Data, fileExtension: String, timeout: TimeInterval = 120, maxOutputBytes: Int = 512 << 20
    ) -> Result<Data, IngestError> {
        convertToDOCX(
            data: data, fileExtension: fileExtension, timeout: timeout, maxOutputBytes: maxOutputBytes,
            environment: ProcessInfo.processInfo.environment, workRoot: FileManager.default.temporaryDirectory)
    }

    /// `environment` decides where LibreOffice is looked for and what it inherits; `workRoot` holds the private
    /// folders (and the shared, already initialised profile they start from).
    static func convertToDOCX(
        data: Data, fileExtension: String, timeout: TimeInterval, maxOutputBytes: Int, environment: [String: String],
        workRoot: URL
    ) -> Result<Data, IngestError> {
        guard let soffice = locate(environment: environment) else {
            return .failure(IngestError(.unsupported, message: installHint, detail: "soffice not found on PATH"))
        }
        let fm = FileManager.default
        let work = workRoot.appendingPathComponent("gapcheck-lo-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        let outDir = work.appendingPathComponent("out")
        let profile = work.appendingPathComponent("profile")
        let tmp = work.appendingPathComponent("tmp")
        // A neutral ASCII name: the original name may be GBK, long or hostile.
        let ext = fileExtension.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let input = work.appendingPathComponent("input.\(ext.isEmpty ? "doc" : ext)")
        do {
            try fm.createDirectory(at: outDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
            try data.write(to: input)
        } catch {
            return .failure(IngestError(.crashed, message: "无法准备格式转换的临时文件", detail: "conversion setup failed: \(error)"))
        }
        let template = ProfileTemplate(root: workRoot, soffice: soffice)
        let startedWarm = template.copy(to: profile)

        let outcome: ExternalTool.Outcome
        do {
            outcome = try ExternalTool.run(
                soffice,
                [
                    "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--invisible", "--norestore",
                    "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", outDir.path, input.path,
                ],
                timeout: timeout, environment: ["HOME": work.path, "TMPDIR": tmp.path], baseEnvironment: environment,
                currentDirectory: work)
        } catch {
            return .failure(
                IngestError(.unsupported, message: installHint, detail: "soffice at \(soffice) could not be started: \(error)"))
        }
        if outcome.timedOut {
            return .failure(
                IngestError(
                    .timeout, message: "格式转换超时：LibreOffice 在 \(Int(timeout.rounded(.up))) 秒内未完成，已中止",
                    detail: "soffice killed after \(timeout) s"))
        }
        // LibreOffice can exit 0 without writing anything: the output file is the only proof.
        let output = outDir.appendingPathComponent("input.docx")
        let size = (try? fm.attributesOfItem(atPath: output.path)[.size] as? Int) ?? nil
        guard let size, size > 0, let converted = try? Data(contentsOf: output) else {
            let stderr = String(decoding: outcome.stderr.suffix(400), as: UTF8.self)
                .replacingOccurrences(of: work.path, with: "<work>").trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(
                IngestError(
                    .corrupt, message: "文件无法由 LibreOffice 转换为 DOCX，可能已损坏或不是有效的文字处理文件",
                    detail: "soffice exit \(outcome.status), no output: \(stderr)"))
        }
        guard size <= maxOutputBytes else {
            return .failure(
                IngestError(.tooLarge, detail: "converted DOCX has \(size) bytes, limit \(maxOutputBytes)"))
        }
        guard FormatSniffer.sniff(converted, fileName: "input.docx") == .docx else {
            return .failure(
                IngestError(
                    .corrupt, message: "文件无法由 LibreOffice 转换为 DOCX，可能已损坏或不是有效的文字处理文件",
                    detail: "soffice exit \(outcome.status), output is not a DOCX package"))
        }
        if !startedWarm { template.adopt(profile) }
        return .success(converted)
    }
}

/// A LibreOffice profile that has been through one successful conversion, kept beside the private folders and
/// copied into each new one: an empty profile is initialised on every start, which costs about a quarter of a
/// small conversion (measured 1.5 s → 1.2 s for a .doc). Keyed by user and LibreOffice installation, so an upgrade
/// starts a new one; only ever replaced whole (rename), so a copy never sees a half-written template.
struct ProfileTemplate {
    let url: URL

    init(root: URL, soffice: String) {
        let program = URL(fileURLWithPath: soffice).resolvingSymlinksInPath().deletingLastPathComponent()
        let versionrc = (try? String(contentsOf: program.appendingPathComponent("versionrc"), encoding: .utf8)) ?? ""
        let modified = (try? FileManager.default.attributesOfItem(atPath: program.path)[.modificationDate] as? Date)
            .map { "\($0.timeIntervalSince1970)" } ?? ""
        url = root.appendingPathComponent("gapcheck-lo-profile-\(getuid())-\(Self.hash(program.path + versionrc + modified))")
    }

    /// Copies the template to `profile`; false when there is none (or it is not ours), leaving `profile` absent.
    func copy(to profile: URL) -> Bool {
        let fm = FileManager.default
        guard let attributes = try? fm.attributesOfItem(atPath: url.path),
            (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == getuid(),
            (attributes[.posixPermissions] as? NSNumber).map({ $0.intValue & 0o077 == 0 }) == true
        else { return false }
        do {
            try fm.copyItem(at: url, to: profile)
            return true
        } catch {
            try? fm.removeItem(at: profile)
            return false
        }
    }

    /// Offers a profile that just converted successfully as the template, unless another conversion got there first.
    func adopt(_ profile: URL) {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: url.path) else { return }
        let staging = url.deletingLastPathComponent().appendingPathComponent("gapcheck-lo-staging-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: staging) }
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            for name in try fm.contentsOfDirectory(atPath: profile.path) {
                try fm.copyItem(at: profile.appendingPathComponent(name), to: staging.appendingPathComponent(name))
            }
            // rename(2) onto an existing non-empty folder fails: the first conversion to finish wins.
            _ = rename(staging.path, url.path)
        } catch {
            return
        }
    }

    /// FNV-1a, enough to tell installations apart in a folder name.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return String(value, radix: 16)
    }
}
