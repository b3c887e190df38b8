import ArgumentParser

/// Argument handling around ArgumentParser: negative numbers as option values, and usage errors
/// as one line.
enum CommandLineParsing {
    /// Parses `arguments`: a plain line of a scalar command directly (``PlainArguments``, the
    /// same command value without ArgumentParser's reflection), anything else with
    /// ArgumentParser. An option followed by a negative number (`--correlation -0.5`) takes it as
    /// its value; a negative number anywhere else is reported as a value, not as an unknown option.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        if let command = PlainArguments.command(for: arguments) { return command }
        do {
            return try Pollcmp.parseAsRoot(arguments)
        } catch {
            guard Pollcmp.exitCode(for: error) != .success, arguments.contains(where: isNegativeNumber) else {
                throw error
            }
            var joined: [String] = []
            var stray: String?
            for token in arguments {
                if isNegativeNumber(token), let last = joined.last, last.hasPrefix("--"), !last.contains("=") {
                    joined[joined.count - 1] = last + "=" + token
                } else {
                    if isNegativeNumber(token), stray == nil { stray = token }
                    joined.append(token)
                }
            }
            if let stray {
                throw ValidationError("\(stray) is negative: shares, counts and sample sizes are numbers of 0 or more")
            }
            return try Pollcmp.parseAsRoot(joined)
        }
    }

    /// "-5", "-0.5", "-.5", "-1e3", "-5%".
    static func isNegativeNumber(_ token: String) -> Bool {
        guard token.hasPrefix("-"), token.count > 1 else { return false }
        var body = token.dropFirst()
        if body.hasSuffix("%") { body = body.dropLast() }
        guard let first = body.first, first.isNumber || first == "." else { return false }
        return Double(body) != nil
    }

    /// The message on one line, starting lower-case, with the help hint of the subcommand named
    /// in `arguments` (or of pollcmp itself).
    static func oneLine(_ message: String, arguments: [String]) -> String {
        var text = message.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            .joined(separator: "; ")
        if let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) {
            text = first.lowercased() + text.dropFirst()
        }
        while text.hasSuffix(".") { text.removeLast() }
        let names = Pollcmp.configuration.subcommands.map { $0.configuration.commandName ?? "" }
        let command = arguments.first.flatMap { names.contains($0) ? "pollcmp \($0)" : nil } ?? "pollcmp"
        return "\(text); see '\(command) --help'"
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
