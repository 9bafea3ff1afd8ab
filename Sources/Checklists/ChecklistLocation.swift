import Foundation

/// Where the `Checklists/` folder is found. Every subcommand uses this one lookup, so an installed binary started
/// from any folder (or by systemd from `/`) finds the same data as a checkout does.
public struct ChecklistLocation: Sendable, Equatable {
    /// How the folder was chosen, in the order the lookup tries them.
    public enum Source: String, Sendable {
        case option, environment, config, workingDirectory, beside
    }

    public static let environmentVariable = "GAPCHECK_CHECKLISTS"

    public var folder: URL
    public var source: Source

    /// The first that applies: the `--checklists` option, `GAPCHECK_CHECKLISTS`, gapcheck.yaml's `checklists`,
    /// `./Checklists`, then the share folder of the install prefix (or a checkout) the executable sits in.
    public static func resolve(
        option: String?, configured: URL?, environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL
    ) -> ChecklistLocation {
        if let option { return ChecklistLocation(folder: absolute(option, in: workingDirectory), source: .option) }
        if let env = environment[environmentVariable], !env.isEmpty {
            return ChecklistLocation(folder: absolute(env, in: workingDirectory), source: .environment)
        }
        if let configured { return ChecklistLocation(folder: configured, source: .config) }
        let local = workingDirectory.appendingPathComponent("Checklists")
        if holdsChecklists(local) { return ChecklistLocation(folder: local, source: .workingDirectory) }
        for candidate in besideExecutable(executable) where holdsChecklists(candidate) {
            return ChecklistLocation(folder: candidate, source: .beside)
        }
        return ChecklistLocation(folder: local, source: .workingDirectory)
    }

    /// PREFIX/share/gapcheck/Checklists for a binary in PREFIX/bin; then a `Checklists/` in a folder above the
    /// binary, which is where a SwiftPM build in a checkout finds it.
    static func besideExecutable(_ executable: URL) -> [URL] {
        let bin = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [bin.deletingLastPathComponent().appendingPathComponent("share/gapcheck/Checklists")]
        var dir = bin
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("Checklists"))
            dir = dir.deletingLastPathComponent()
        }
        return candidates
    }

    static func holdsChecklists(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("catalogue.yaml").path)
    }

    static func absolute(_ path: String, in base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }
}
