import ArgumentParser

/// A command line of the plainest shape, read without ArgumentParser's reflection.
///
/// ArgumentParser builds each command's argument set by reflecting over its properties (`Mirror`
/// and dynamic casts, several times a parse); for a one-line command that is most of the process's
/// work. The scalar commands (``PlainParsable``) therefore first try this reader, which accepts only
/// lines whose meaning is beyond doubt: the subcommand name first, then values and long options
/// `--name value` or `--name=value` (flags without a value), each option at most once, no value
/// that starts with `-`, no empty token, no `--`. Everything else — help, `--version`, negative
/// numbers, unknown or repeated options, values that do not convert, a line that fails
/// validation — makes ``command(for:)`` return nil, and ArgumentParser parses the line as before,
/// so its errors, help and exit codes are unchanged.
///
/// Values convert with the same `init?(argument:)` ArgumentParser calls, so a line read here
/// gives the same command value ArgumentParser would (pinned by `PlainArgumentsTests`).
struct PlainArguments {
    /// The line is not plain: leave it to ArgumentParser.
    struct NotPlain: Error {}

    private var positionals: [String] = []
    private var nextPositional = 0
    /// The options given: name (without `--`) and value (nil for a flag). An array, not a
    /// dictionary: a line has a handful, and hashed collections cost a protocol-conformance scan
    /// of the whole binary the first time one is made.
    private var named: [(name: String, value: String?)] = []

    /// Splits `tokens` (after the subcommand name); `flags` are the option names that take no value.
    ///
    /// - Complexity: O(n²) in the number of tokens (a line has a few).
    init(_ tokens: ArraySlice<String>, flags: [String]) throws(NotPlain) {
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            index += 1
            guard !token.isEmpty else { throw NotPlain() }
            guard token.hasPrefix("-") else {
                positionals.append(token)
                continue
            }
            guard token.hasPrefix("--"), token.count > 2 else { throw NotPlain() }
            var name = String(token.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
                guard !flags.contains(name) else { throw NotPlain() }
            } else if !flags.contains(name) {
                guard index < tokens.endIndex else { throw NotPlain() }
                value = tokens[index]
                index += 1
            }
            if let value, value.isEmpty || value.hasPrefix("-") { throw NotPlain() }
            guard !name.isEmpty, !named.contains(where: { $0.name == name }) else { throw NotPlain() }
            named.append((name, value))
        }
    }

    /// The next positional value, converted as ArgumentParser converts it.
    mutating func positional<T: ExpressibleByArgument>() throws(NotPlain) -> T {
        guard nextPositional < positionals.count, let value = T(argument: positionals[nextPositional]) else {
            throw NotPlain()
        }
        nextPositional += 1
        return value
    }

    /// The value of `--name`, or nil when it was not given.
    mutating func option<T: ExpressibleByArgument>(_ name: String) throws(NotPlain) -> T? {
        guard let index = named.firstIndex(where: { $0.name == name }) else { return nil }
        guard let text = named.remove(at: index).value, let value = T(argument: text) else { throw NotPlain() }
        return value
    }

    /// Whether the flag `--name` was given.
    mutating func flag(_ name: String) -> Bool {
        guard let index = named.firstIndex(where: { $0.name == name }) else { return false }
        named.remove(at: index)
        return true
    }

    /// Checks that every token was used: no unknown option, no extra value.
    func finish() throws(NotPlain) {
        guard named.isEmpty, nextPositional == positionals.count else { throw NotPlain() }
    }
}

/// A command that can be read from a plain line (``PlainArguments``) as well as by ArgumentParser.
protocol PlainParsable: ParsableCommand {
    /// The names of its flags (options without a value), without `--`.
    static var plainFlags: [String] { get }

    /// Reads every property from `line`, each default as its declaration gives it, and validates
    /// its option groups as ArgumentParser does when it decodes them.
    init(plain line: inout PlainArguments) throws
}

extension PlainArguments {
    /// The commands read here. Only scalar commands: they are the ones run in shell loops, and
    /// their whole run is a few thousand instructions once parsing is out of the way.
    static var commands: [any PlainParsable.Type] {
        [
            LeadCommand.self, IntervalCommand.self, SwingCommand.self, ChangeCommand.self, MarginCommand.self,
            SampleSizeCommand.self,
        ]
    }

    /// The command `arguments` name, parsed and validated, or nil when the line is not plain or
    /// does not validate (ArgumentParser then parses it and reports what is wrong).
    static func command(for arguments: [String]) -> ParsableCommand? {
        guard let name = arguments.first,
            let type = commands.first(where: { $0.configuration.commandName == name })
        else { return nil }
        return parse(type, arguments.dropFirst())
    }

    private static func parse<C: PlainParsable>(_ type: C.Type, _ tokens: ArraySlice<String>) -> ParsableCommand? {
        do {
            var line = try PlainArguments(tokens, flags: C.plainFlags)
            var command = try C(plain: &line)
            try line.finish()
            try command.validate()
            return command
        } catch {
            return nil
        }
    }
}
