/// Exit statuses of `gapcheck run` and `gapcheck sweep`, for timers and scripts (docs/usage.md lists them).
public enum RunExitCode: Int32, Sendable {
    /// Every project reported; no document or setting in error, no must-gap.
    case ok = 0
    /// Every project reported and readable, but some project has a must-gap.
    case mustGaps = 1
    /// Every project reported, but some document, folder or project.yaml is in error (named in its report).
    case problems = 4
    /// Unusable configuration: gapcheck.yaml, checklists, an unknown jurisdiction.
    case configuration = 2
    /// Invalid command-line options (also what the argument parser returns).
    case usage = 64
    /// The inbox cannot be read, or the output folder cannot be written.
    case io = 74
    /// Another run holds the output folder.
    case locked = 75
}
