/// The named kinds of failure a document can end in. Reports show the kind and its Chinese message; the batch goes on.
public enum IngestErrorKind: String, Codable, Sendable, CaseIterable {
    case encrypted
    case corrupt
    case noTextLayer = "no-text-layer"
    case unsafe
    case tooLarge = "too-large"
    case timeout
    case unsupported
    case crashed
    case ocrUnavailable = "ocr-unavailable"
    /// Permission denied, or an I/O error while reading: the file is there but its bytes cannot be had.
    case unreadable
    /// Listed when the inbox was scanned, gone (or replaced by another kind of file) when it was read.
    case vanished
    /// A FIFO, socket or device, or a link to one: never opened, since reading it may block or never end.
    case specialFile = "special-file"
    /// A link that leads out of its project folder (out of the inbox, up to its root) or round in a loop: not followed.
    case unsafeLink = "unsafe-link"
    /// A project's own settings (`project.yaml`) are invalid; the keys that were valid still apply.
    case invalidSettings = "invalid-settings"

    /// The kind's name in reports, where the English id would leak into the Chinese text.
    public var chineseName: String {
        switch self {
        case .encrypted: return "已加密"
        case .corrupt: return "已损坏"
        case .noTextLayer: return "无文字层"
        case .unsafe: return "不安全"
        case .tooLarge: return "超出限制"
        case .timeout: return "超时"
        case .unsupported: return "格式不支持"
        case .crashed: return "读取异常"
        case .ocrUnavailable: return "缺少文字识别"
        case .unreadable: return "无法读取"
        case .vanished: return "运行中消失"
        case .specialFile: return "非普通文件"
        case .unsafeLink: return "不安全的链接"
        case .invalidSettings: return "项目设置有误"
        }
    }

    /// The short message a department user or reviewer reads.
    public var chineseMessage: String {
        switch self {
        case .encrypted: return "文件已加密，无法读取内容，请提交未加密版本"
        case .corrupt: return "文件已损坏或不完整，无法解析"
        case .noTextLayer: return "文件没有可提取的文字层（可能为扫描件），无法检查内容"
        case .unsafe: return "文件含有不安全的结构（如外部实体、路径穿越或压缩炸弹），已拒绝读取"
        case .tooLarge: return "文件超过允许的大小或数量限制，已停止读取"
        case .timeout: return "读取超时，已中止"
        case .unsupported: return "不支持的文件格式"
        case .crashed: return "读取过程异常退出"
        case .ocrUnavailable: return "需要文字识别（OCR），但本机未安装 tesseract 或其中文语言包"
        case .unreadable: return "文件或文件夹无法读取（权限不足或读取出错），未检查其内容"
        case .vanished: return "文件在运行期间被删除或替换，未检查其内容，下次运行再处理"
        case .specialFile: return "不是普通文件（命名管道、套接字或设备），已跳过"
        case .unsafeLink: return "链接指向项目文件夹之外或形成循环，未跟随"
        case .invalidSettings: return "项目设置文件 project.yaml 有误，有误的设置未采用"
        }
    }
}

public struct IngestError: Error, Codable, Sendable, Hashable {
    public var kind: IngestErrorKind
    /// Chinese, for the report: the kind's message, optionally followed by a specific detail.
    public var message: String
    /// English technical detail for logs (library error text, limit that was hit).
    public var detail: String?

    public init(_ kind: IngestErrorKind, message: String? = nil, detail: String? = nil) {
        self.kind = kind
        self.message = message ?? kind.chineseMessage
        self.detail = detail
    }
}
