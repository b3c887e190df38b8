import ArgumentParser
import PollCompare

// How each scalar command and its option groups read a plain line (see `PlainArguments`). Every
// property is set, with the default its declaration gives; `PlainArgumentsTests` checks that each
// line gives the same value ArgumentParser parses, so a property added to a command without a line
// here fails the tests instead of trapping at run time.

extension LeadCommand: PlainParsable {
    static let plainFlags = ["counts", "assume-random-sample", "no-header"]

    init(plain line: inout PlainArguments) throws {
        self.init()
        a = try line.positional()
        b = try line.positional()
        method = try line.option("method") ?? .wald
        draws = try line.option("draws") ?? LeadInterval.defaultDraws
        counts = line.flag("counts")
        names = try line.option("names") ?? "A,B"
        design = try DesignOptions(plain: &line)
        totalError = try TotalErrorOptions(plain: &line)
        confidence = try ConfidenceOptions(plain: &line)
        alternative = try AlternativeOptions(plain: &line)
        compute = try ComputeOptions(plain: &line)
        output = try OutputOptions(plain: &line)
    }
}

extension IntervalCommand: PlainParsable {
    static let plainFlags = ["counts", "assume-random-sample", "no-header"]

    init(plain line: inout PlainArguments) throws {
        self.init()
        share = try line.positional()
        method = try line.option("method") ?? "wilson"
        counts = line.flag("counts")
        design = try DesignOptions(plain: &line)
        confidence = try ConfidenceOptions(plain: &line)
        output = try OutputOptions(plain: &line)
    }
}

extension SwingCommand: PlainParsable {
    static let plainFlags = ["no-header"]

    init(plain line: inout PlainArguments) throws {
        self.init()
        a1 = try line.positional()
        b1 = try line.positional()
        a2 = try line.positional()
        b2 = try line.positional()
        polls = try TwoPollOptions(plain: &line)
        correlation = try line.option("correlation") ?? 0
        totalError = try TotalErrorOptions(plain: &line)
        confidence = try ConfidenceOptions(plain: &line)
        alternative = try AlternativeOptions(plain: &line)
        output = try OutputOptions(plain: &line)
    }
}

extension ChangeCommand: PlainParsable {
    static let plainFlags = ["counts", "no-header"]

    init(plain line: inout PlainArguments) throws {
        self.init()
        p1 = try line.positional()
        p2 = try line.positional()
        counts = line.flag("counts")
        polls = try TwoPollOptions(plain: &line)
        method = try line.option("method") ?? "newcombe"
        totalError = try TotalErrorOptions(plain: &line)
        confidence = try ConfidenceOptions(plain: &line)
        alternative = try AlternativeOptions(plain: &line)
        output = try OutputOptions(plain: &line)
    }
}

extension MarginCommand: PlainParsable {
    static let plainFlags = ["no-header"]

    init(plain line: inout PlainArguments) throws {
        self.init()
        guard let n: Double = try line.option("n") else { throw PlainArguments.NotPlain() }
        self.n = n
        deff = try line.option("deff")
        nEff = try line.option("n-eff")
        population = try line.option("population")
        share = try line.option("share") ?? 50
        confidence = try ConfidenceOptions(plain: &line)
        output = try OutputOptions(plain: &line)
    }
}

extension SampleSizeCommand: PlainParsable {
    static let plainFlags = ["no-header"]

    init(plain line: inout PlainArguments) throws {
        self.init()
        guard let moe: Double = try line.option("moe") else { throw PlainArguments.NotPlain() }
        self.moe = moe
        quantity = try line.option("for") ?? .share
        shares = try line.option("shares") ?? "50,50"
        deff = try line.option("deff") ?? 1
        population = try line.option("population")
        confidence = try ConfidenceOptions(plain: &line)
        output = try OutputOptions(plain: &line)
    }
}

// MARK: Option groups (each validated as ArgumentParser validates a decoded group)

extension DesignOptions {
    init(plain line: inout PlainArguments) throws {
        self.init()
        n = try line.option("n")
        deff = try line.option("deff")
        nEff = try line.option("n-eff")
        population = try line.option("population")
        sampleType = try line.option("sample-type") ?? .probability
        assumeRandomSample = line.flag("assume-random-sample")
        assumeN = try line.option("assume-n")
        try validate()
    }
}

extension TwoPollOptions {
    init(plain line: inout PlainArguments) throws {
        self.init()
        n1 = try line.option("n1")
        n2 = try line.option("n2")
        assumeN = try line.option("assume-n")
        deff = try line.option("deff")
        deff1 = try line.option("deff1")
        deff2 = try line.option("deff2")
        nEff1 = try line.option("n-eff1")
        nEff2 = try line.option("n-eff2")
        population = try line.option("population")
        population1 = try line.option("population1")
        population2 = try line.option("population2")
        try validate()
    }
}

extension TotalErrorOptions {
    init(plain line: inout PlainArguments) throws {
        self.init()
        tse = try line.option("tse")
        tseFrom = try line.option("tse-from")
        tseGroup = try line.option("tse-group")
        try validate()
    }
}

extension ConfidenceOptions {
    init(plain line: inout PlainArguments) throws {
        self.init()
        conf = try line.option("conf")
        z = try line.option("z")
        try validate()
    }
}

extension AlternativeOptions {
    init(plain line: inout PlainArguments) throws {
        self.init()
        alternative = try line.option("alternative") ?? .twoSided
        try validate()
    }
}

extension ComputeOptions {
    init(plain line: inout PlainArguments) throws {
        self.init()
        seed = try line.option("seed") ?? LeadInterval.defaultSeed
        threads = try line.option("threads")
        try validate()
    }
}

extension OutputOptions {
    init(plain line: inout PlainArguments) throws {
        self.init()
        format = try line.option("format") ?? .text
        layout = try LayoutOptions(plain: &line)
        try validate()
    }
}

extension LayoutOptions {
    init(plain line: inout PlainArguments) throws {
        self.init()
        noHeader = line.flag("no-header")
        digits = try line.option("digits") ?? 1
        try validate()
    }
}
