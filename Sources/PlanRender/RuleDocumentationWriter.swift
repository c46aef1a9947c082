import PlanSyntax

/// docs/rules.md and `planc explain`, generated from the descriptors so they cannot drift.
public enum RuleDocumentationWriter {
    public static func markdown(_ descriptors: [DiagnosticDescriptor]) -> String {
        var out = """
        <!-- Generated from the rule descriptors in Sources/. Do not edit: run
             `swift run planc explain --all --format markdown > docs/rules.md` (a test fails when this file is stale). -->
        # planc diagnostics

        Every diagnostic planc reports has a stable code. Codes starting with `E` are errors by default,
        `W` warnings. A plan's `rules:` map changes the severity of a configurable code, by code or name:

        ```yaml
        rules:
          W301: off              # missing-owner
          unknown-team: warning
        ```

        In the examples, `↓` marks the exact place the diagnostic is reported (it is not part of the
        plan), and `⟨E9⟩` stands for a raw byte that text cannot show.

        | code | name | default | summary |
        |---|---|---|---|

        """
        for descriptor in descriptors {
            out += "| [\(descriptor.code)](#\(descriptor.code.lowercased())-\(descriptor.name)) | \(descriptor.name) | \(descriptor.severity.rawValue) | \(escapeCell(descriptor.summary)) |\n"
        }
        for descriptor in descriptors {
            out += "\n## \(descriptor.code) \(descriptor.name)\n\n"
            out += "**\(descriptor.severity.rawValue)**" + (descriptor.configurable ? " (configurable)" : " (cannot be turned off)") + ": "
            out += descriptor.summary + ".\n\n"
            out += descriptor.rationale + "\n\n"
            out += "Triggers:\n\n"
            for example in descriptor.triggering { out += exampleBlock(example) }
            out += "Does not trigger:\n\n"
            for example in descriptor.passing { out += exampleBlock(example) }
        }
        return out
    }

    static func exampleBlock(_ example: DiagnosticDescriptor.Example) -> String {
        var out = ""
        let named = example.files.count > 1
        for file in example.files {
            if named { out += "`\(file.name)`:\n\n" }
            out += "```yaml\n" + file.text + (file.text.hasSuffix("\n") || file.text.isEmpty ? "" : "\n") + "```\n\n"
        }
        if let limits = example.limits, limits != .default {
            out += "_(with a lower limit than the default, to keep the example short)_\n\n"
        }
        return out
    }

    /// Our own summaries, whose Markdown is meant: only what would break the table is escaped.
    static func escapeCell(_ text: String) -> String {
        Escape.markdownTrustedCell(text)
    }

    /// `planc explain CODE` on a terminal.
    public static func text(_ descriptor: DiagnosticDescriptor) -> String {
        var out = "\(descriptor.code) \(descriptor.name) (\(descriptor.severity.rawValue)"
        out += descriptor.configurable ? ", configurable)\n" : ", cannot be turned off)\n"
        out += "\n" + descriptor.summary + ".\n\n" + descriptor.rationale + "\n"
        out += "\nTriggers (↓ marks where it is reported):\n"
        for example in descriptor.triggering { out += indentExample(example) }
        out += "\nDoes not trigger:\n"
        for example in descriptor.passing { out += indentExample(example) }
        return out
    }

    static func indentExample(_ example: DiagnosticDescriptor.Example) -> String {
        var out = ""
        for file in example.files {
            out += "\n" + (example.files.count > 1 ? "  # \(file.name)\n" : "")
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(file.text.hasSuffix("\n") ? 1 : 0) {
                out += "    " + line + "\n"
            }
        }
        return out
    }

    public static func list(_ descriptors: [DiagnosticDescriptor]) -> String {
        descriptors.map { "\($0.code)  \($0.name.padding(27)) \($0.severity.rawValue.padding(8)) \($0.summary)" }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Padded with spaces to `width` characters (unchanged when already that long).
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
