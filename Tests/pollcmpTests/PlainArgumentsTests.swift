import ArgumentParser
import Foundation
import Testing

@testable import pollcmp

/// The plain-line reader (`PlainArguments`) against ArgumentParser: every line it accepts must give
/// the very command value ArgumentParser parses (every property, defaults included, compared
/// through its description), and every line it cannot be sure of must be left to ArgumentParser,
/// whose help, errors and exit codes the golden and error tests pin.
@Suite("pollcmp plain command lines")
struct PlainArgumentsTests {
    /// Lines the reader accepts: each command with defaults only, with every option it has (both
    /// `--name value` and `--name=value`), and with values before, between and after options.
    static let plainLines: [String] = [
        "lead 58 31",
        "lead 58 31 --n 1000 --format csv",
        "lead --n 1000 58 --format=csv 31",
        "lead 5 3 --n 40 --method adjusted-wald --format csv",
        "lead 46 44 --n 500 --method bayes --draws 20000 --seed 7 --threads 2 --format json",
        "lead 580 310 --n 1000 --counts --format csv --no-header",
        "lead 58 31 --n 1000 --z 1.96 --format tsv --digits 3",
        "lead 58 31 --n 1000 --deff 1.4 --population 1300000 --conf 90% --alternative greater",
        "lead 58 31 --n 1000 --n-eff 700 --sample-type straw --assume-random-sample --names Trump,Harris",
        "lead 58 31 --assume-n 800 --format markdown",
        "lead 58 31 --n 1000 --conf 0.99999999",
        "lead nan 31 --n 1000",
        "lead 58 31 --n 1e3 --sample-type opt-in",
        "lead 58 31 --n 1000 --tse 2.4",
        "lead 58 31 --n 1000 --tse-from calibration.csv --tse-group Pres-G",
        "interval 58",
        "interval 58 --n 1000 --method all --format csv",
        "interval 3 --n 1000000000 --counts --method clopper-pearson --format tsv",
        "interval 44.3 --n 800 --sample-type straw --assume-random-sample --format csv --no-header",
        "interval 31 --n 1000 --deff 1.4 --population 1300000 --method all --z 2 --digits 0",
        "interval 31 --n 1000 --n-eff 800 --assume-random-sample",
        "interval 58 --assume-n 800 --conf 99% --format markdown",
        "swing 44.3 36.3 31 58",
        "swing 44.3 36.3 31 58 --n1 800 --n2 1000 --format csv",
        "swing 44.3 36.3 31 58 --assume-n 500 --correlation 0.4 --conf 95 --alternative less",
        "swing 44.3 36.3 31 58 --n1 800 --n2 1000 --deff1 1.2 --deff2 1.5 --population1 5000 --population2 6000",
        "swing 44.3 36.3 31 58 --n1 800 --n2 1000 --deff 1.2 --population 1300000 --no-header --digits 2",
        "swing 44.3 36.3 31 58 --n1 800 --n2 1000 --n-eff1 600 --n-eff2 700 --z 1.96",
        "swing 44.3 36.3 31 58 --n1 800 --n2 1000 --tse 2.4 --format csv",
        "swing 44.3 36.3 31 58 --n1 800 --n2 1000 --tse-from=calibration.csv --tse-group all",
        "change 36.3 58",
        "change 36.3 58 --n1 800 --n2 1000 --method all --format csv",
        "change 290 580 --n1 800 --n2 1000 --counts --alternative greater --method wald",
        "change 36.3 58 --assume-n 900 --deff 1.3 --population 1300000 --conf 0.9 --format json",
        "change 36.3 58 --n1 800 --n2 1000 --n-eff1 600 --deff2 1.1 --population1 9000 --population2 9000",
        "change 36.3 58 --n1 800 --n2 1000 --deff1 1.2 --n-eff2 700 --z 1.96 --no-header --digits 2 --format tsv",
        "change 36.3 58 --n1 800 --n2 1000 --method wald --tse 2.4",
        "change 36.3 58 --n1 800 --n2 1000 --method wald --tse-from calibration.csv --tse-group Sen-G",
        "moe --n 1000",
        "moe --n 1000 --deff 1.5 --population 1300000 --conf 90 --format csv",
        "moe --n=1000 --n-eff 800 --share 58 --z 1.96 --no-header --digits 2",
        "sample-size --moe 3",
        "sample-size --moe 5 --for lead --shares 58,31 --format csv",
        "sample-size --moe 5 --for swing --shares 44.3,36.3 --deff 1.3 --population 100000 --conf 99%",
        "sample-size --moe 3 --z 1.96 --format tsv --no-header --digits 0",
    ]

    /// Lines left to ArgumentParser: help and version, negative numbers, unknown, repeated,
    /// misspelt or valueless options, values that do not convert, lines that fail validation,
    /// the terminator, short options, extra or missing values, other commands.
    static let otherLines: [String] = [
        "", "--help", "--version", "help lead", "lead --help", "lead -h", "lead 58 31 --help",
        "lead 58 31 --version", "lead 58 31 --n -5", "lead -5 31", "lead 58 31 --correlation 0.4",
        "lead 58 31 --n 1000 --n 1000", "lead 58 31 --n", "lead 58 31 --counts=true", "lead 58 31 --n=",
        "lead 58 31 --n abc", "lead 58 31 --method exact", "lead 58 31 --draws 5", "lead 58 31 --names A",
        "lead 58 31 --deff 2 --n-eff 500 --n 1000", "lead 58 31 --conf 20", "lead 58 31 --conf 95 --z 1.96",
        "lead 58 31 --digits 18", "lead 58 31 --threads 0", "lead 58 31 -- 4", "lead 58", "lead 58 31 7",
        "lead 58 31 --format=", "lead 58 31 --format pdf", "lead 58 31 -n 1000", "lead 58 31 ---n 1000",
        "lead 58 31 --experimental-dump-help", "lead 58 31 --generate-completion-script bash",
        "interval 58 --method bogus", "interval 58 --n 1000 --n-eff 900 --deff 1.1",
        "swing 44.3 36.3 31", "swing 44.3 36.3 31 58 --deff 1.2 --deff1 1.3",
        "swing 44.3 36.3 31 58 --correlation -0.5",
        "change 36.3 58 --counts", "change 36.3 58 --method all --method wald",
        "moe", "moe --n 1000 --deff 1.5 --n-eff 600", "sample-size", "sample-size --moe 3 --for nothing",
        "sample-size --moe 3 --for lead --shares 50", "methods", "report polls.csv", "design-effect w.csv",
        "multinomial 31 58 6 5 --n 1000", "check a.csv b.csv", "average polls.csv",
    ]

    static func split(_ line: String) -> [String] {
        line.split(separator: " ").map(String.init)
    }

    @Test("A plain line gives the same command as ArgumentParser", arguments: plainLines)
    func sameAsArgumentParser(_ line: String) throws {
        let arguments = Self.split(line)
        let plain = try #require(PlainArguments.command(for: arguments), "not read as plain: \(line)")
        let parsed = try Pollcmp.parseAsRoot(arguments)
        #expect(String(describing: type(of: plain)) == String(describing: type(of: parsed)))
        #expect(String(describing: plain) == String(describing: parsed))
        // Every property was set: an unset one describes itself as a definition.
        #expect(!String(describing: plain).contains("definition"))
    }

    @Test("Anything else is left to ArgumentParser", arguments: otherLines)
    func leftToArgumentParser(_ line: String) {
        #expect(PlainArguments.command(for: Self.split(line)) == nil)
    }

    @Test("Each plain command is a subcommand of pollcmp under the name the reader matches")
    func commandsAreSubcommands() {
        let names = Pollcmp.configuration.subcommands.compactMap { $0.configuration.commandName }
        for type in PlainArguments.commands {
            let name = type.configuration.commandName ?? ""
            #expect(names.contains(name))
            // Each command has a line above with defaults only (its first line) and one with options.
            #expect(Self.plainLines.filter { $0.hasPrefix(name + " ") || $0 == name }.count >= 3, "\(name)")
        }
        #expect(PlainArguments.commands.count == 6)
    }

    @Test(
        "The reader knows each command's flags, and the lines above give each of its options",
        arguments: PlainArguments.commands.map { $0.configuration.commandName ?? "" })
    func everyOptionCovered(_ name: String) throws {
        // ArgumentParser's own description of the command's arguments (its `--experimental-dump-help`).
        let dump = try PollcmpRunner.run([name, "--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        #expect(command["commandName"] as? String == name)
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var flags: Set<String> = [], options: Set<String> = []
        for argument in arguments {
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            guard let long = names.last, !["help", "version"].contains(long) else { continue }
            if argument["kind"] as? String == "flag" { flags.insert(long) }
            if argument["kind"] as? String == "option" { options.insert(long) }
        }
        let type = try #require(PlainArguments.commands.first { $0.configuration.commandName == name })
        // A flag the reader did not know would take the next token as its value.
        #expect(Set(type.plainFlags) == flags)
        #expect(!options.isEmpty)
        let lines = Self.plainLines.filter { $0.hasPrefix(name + " ") }
        for option in flags.union(options).sorted() {
            #expect(
                lines.contains {
                    $0.contains("--" + option + " ") || $0.contains("--" + option + "=") || $0.hasSuffix("--" + option)
                },
                "--\(option) of \(name) is in no plain line above")
        }
    }
}
