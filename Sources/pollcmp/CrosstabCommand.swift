import ArgumentParser
import PollCompare
import PollNumerics

struct CrosstabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosstab",
        abstract:
            "Weighted toplines and crosstabs of respondent rows, with design-based margins, leads and group comparisons.",
        discussion: """
            FILE has one row per respondent and a header row (CSV, or TSV with a .tsv name). For \
            each answer c of --row, the weighted share p = Σw·1[answer = c]/Σw (points), overall and \
            within each group of every --by column (one block each; every answer appears in every \
            group, 0 where nobody gave it). Numbers equal R's survey package (svymean, svyby, \
            svyciprop, svycontrast) with survey.lonely.psu = "adjust".

            Standard errors. Linearization (Binder 1983; Wolter 2007, ch. 6; Lumley, Complex \
            Surveys, 2010), as svydesign(ids = ~PSU, strata = ~S, weights = ~W, fpc = ~COL, nest = \
            TRUE): influence values z = w(1[answer = c] − p)/Σw (0 outside the group) summed per PSU \
            (--cluster; else each respondent), centred within each stratum (--strata), v = Σ_h \
            f_h·n_h/(n_h − 1)·Σ_k (t_hk − mean)², f_h = 1 − n_h/N_h with --fpc (N_h the stratum's \
            population in PSUs, or a sampling fraction when every value is ≤ 1) and 1 without \
            (with-replacement first stage). A stratum with a single PSU contributes f_h·t² (its PSU \
            centred on the overall mean, R's "adjust"). Clusters are nested in strata. Or from \
            replicate weights (--replicate-weights PREFIX: the columns named PREFIX followed by \
            digits, full weights as svrepdesign(combined.weights = TRUE)): v = scale·Σ_r (θ_r − \
            mean of θ_r)², or centred on the full-sample θ with --mse; scale (R − 1)/R for jk1, \
            1/(R − 1) for bootstrap, 1/R for brr, 1/(R(1 − ρ)²) for fay (--rho).

            deff = v/v_srs with v_srs = p(1 − p)/(n − 1) (a simple random sample with replacement \
            of the group's n respondents; R deff = "replace": equal weights without strata or \
            clusters give 1); n_eff = n/deff. df: PSUs minus strata with respondents in the group \
            (replicates: the rank of the group's replicate weights minus 1).

            Intervals (--method): logit (default; R svyciprop "logit"): expit(L ± t_df·se_L), L the \
            logit of p fitted as R's glm fits it (same iteration and stopping rule, so the bounds \
            agree to the last digits), se_L = se/(p(1 − p)) at the fit, or the spread of the \
            replicates' refitted logits; beta (Korn & Graubard 1998, R \
            svyciprop "beta"): n* = p(1 − p)/se²·(t_{n−1}/t_df)², bounds the Beta(n*p, n*(1 − p) + 1) \
            α/2 and Beta(n*p + 1, n*(1 − p)) 1 − α/2 quantiles; wilson (score interval on n_eff) and \
            wald (p ± z·se), normal quantile, clipped to [0, 100]. A share of 0 or 100 in a group \
            has no design variance: se 0, deff, n_eff and bounds empty; so are intervals with df < 1.

            --lead A,B: A − B in each group with se from the design covariance of the two shares \
            (not the margins in quadrature); bounds lead ± z·se, z, p = 2Φ(−|z|) (normal, as \
            confint(svycontrast(...))). --compare: for every --by column, each answer's share in \
            group_b minus its share in group_a, groups in sorted order (all pairs), se from the \
            design (svyby covmat = TRUE).

            Empty answers are the category "(missing)" (last); --drop-missing estimates over the \
            answered respondents only (R na.rm = TRUE: a domain of the full design). An empty \
            --by value is the group "(missing)". Weights must be numbers ≥ 0: an empty, negative \
            or non-finite weight is a data error at its line and column (exit 65). A weight of 0 \
            keeps its respondent in the design as R does: counted in n, nothing in Σw or the \
            shares; deff and n_eff use the n of weights above 0, df the PSUs and strata with a \
            weight above 0, beta's t_{n−1} every row. A group (or the whole file) whose weights \
            are all 0 has no shares (0/0): a data error (exit 65). Replicate weights may be 0. \
            Categories in byte order of their text.

            Tables: csv, tsv and json print one table, chosen by --table (default: comparisons with \
            --compare, else leads with --lead, else shares). shares: by,by_value,category,n,sum_w,\
            share,se,deff,n_eff,lower,upper,method,df (share, se, bounds in points; n, sum_w, df per \
            group). leads: by,by_value,lead,se,lower,upper,z,p_value,a,b. comparisons: by,category,\
            group_a,group_b,difference,se,lower,upper,z,p_value. Text and markdown print the \
            crosstab (share and interval per cell), sentences for the leads and every table (only \
            the --table one when given); svg draws each share as a bar with its interval as a \
            whisker, one block per group.

            Examples:
              pollcmp crosstab members.csv --row vote --by union --weight wt --lead Harris,Trump
              pollcmp crosstab members.csv --row vote --by union,region --weight wt \\
                --strata region --cluster site --compare --format csv
              pollcmp crosstab members.csv --row vote --weight wt --method beta \\
                --replicate-weights repwt --replicate-type jk1
            """
    )

    @Argument(help: "The respondent file, or - for standard input.")
    var file: String

    @Option(name: .long, help: "The question: its answers are the categories.")
    var row: String

    @Option(
        name: .long,
        help: ArgumentHelp("Grouping columns, comma-separated: a block of groups each.", valueName: "var[,var…]"))
    var by: String?

    @Option(name: .long, help: "The sampling weight column (numbers ≥ 0); equal weights without it.")
    var weight: String?

    @Option(name: .long, help: "The stratum column.")
    var strata: String?

    @Option(name: .long, help: "The cluster (PSU) column, nested in strata.")
    var cluster: String?

    @Option(name: .long, help: "The column of each stratum's population size in PSUs (or sampling fraction).")
    var fpc: String?

    @Option(
        name: .customLong("replicate-weights"),
        help: ArgumentHelp("Replicate weights: the columns named PREFIX followed by digits.", valueName: "prefix"))
    var replicateWeights: String?

    @Option(name: .customLong("replicate-type"), help: "How replicates become a variance: jk1, bootstrap, brr or fay.")
    var replicateType: ReplicateType?

    @Option(name: .long, help: "Fay's rho, 0 ≤ rho < 1 (with --replicate-type fay).")
    var rho: Double?

    @Flag(name: .long, help: "Centre replicate variances on the full-sample estimate.")
    var mse = false

    @Option(name: .long, help: "Interval method: logit, beta, wilson or wald.")
    var method: SurveyIntervalMethod = .logit

    @Option(name: .long, help: ArgumentHelp("The lead of answer A over answer B in each group.", valueName: "A,B"))
    var lead: String?

    @Flag(name: .long, help: "Compare each answer's share between the groups of each --by column.")
    var compare = false

    @Flag(
        name: .customLong("drop-missing"), help: "Estimate over answered respondents instead of a (missing) category.")
    var dropMissing = false

    @Option(name: .long, help: "The table for csv, tsv and json: shares, leads or comparisons.")
    var table: CrosstabTableArgument?

    @Option(name: [.customShort("o"), .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(
        name: .long,
        help: "Output format: text (for people), csv, tsv, json, markdown, or svg (a bar chart with interval whiskers)."
    )
    var format: ReportFormatArgument = .text

    @OptionGroup var layout: LayoutOptions
    @OptionGroup var confidence: ConfidenceOptions

    var byColumns: [String] {
        by.map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        } ?? []
    }

    var leadPair: (String, String)? {
        guard let lead else { return nil }
        let parts = lead.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    func validate() throws {
        if byColumns.contains(where: \.isEmpty) {
            throw ValidationError("--by: a column name is empty in \"\(by ?? "")\"")
        }
        if byColumns.contains(row) { throw ValidationError("--by cannot include the --row column \"\(row)\"") }
        if Set(byColumns).count != byColumns.count { throw ValidationError("--by names a column twice") }
        if let lead {
            guard let pair = leadPair, !pair.0.isEmpty, !pair.1.isEmpty, pair.0 != pair.1 else {
                throw ValidationError("--lead must be two different answers A,B, not \"\(lead)\"")
            }
        }
        if compare && byColumns.isEmpty {
            throw ValidationError("--compare needs --by: it compares the groups of a column")
        }
        if replicateWeights != nil {
            if strata != nil || cluster != nil || fpc != nil {
                throw ValidationError(
                    "--replicate-weights carries the design; it cannot be combined with --strata, --cluster or --fpc")
            }
            guard let type = replicateType else {
                throw ValidationError("--replicate-weights needs --replicate-type jk1, bootstrap, brr or fay")
            }
            if type == .fay {
                guard let rho, rho >= 0, rho < 1 else {
                    throw ValidationError("--replicate-type fay needs --rho between 0 and 1 (0 ≤ rho < 1)")
                }
            } else if rho != nil {
                throw ValidationError("--rho is Fay's factor; it needs --replicate-type fay")
            }
        } else {
            if replicateType != nil { throw ValidationError("--replicate-type needs --replicate-weights") }
            if rho != nil { throw ValidationError("--rho needs --replicate-weights and --replicate-type fay") }
            if mse { throw ValidationError("--mse needs --replicate-weights") }
        }
        if table == .leads && lead == nil { throw ValidationError("--table leads needs --lead") }
        if table == .comparisons && !compare { throw ValidationError("--table comparisons needs --compare") }
    }

    func run() throws {
        let name = InputFiles.displayName(file)
        let level = try confidence.level()
        let columns = SurveyDesign.Columns(
            weight: weight, strata: strata, cluster: cluster, fpc: fpc,
            replicatePrefix: replicateWeights, replicateType: replicateType ?? .jk1,
            rho: rho ?? 0, mse: mse)
        if replicateWeights != nil { try BLAS.load() }
        let delimiter: UInt8 = file.hasSuffix(".tsv") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        var parser = CSVParser(delimiter: delimiter)
        var reader = RespondentTableReader(columns.request(categorical: [row] + byColumns))
        let crosstab: Crosstab
        do {
            try InputFiles.stream(file) { chunk in try parser.feed(chunk) { try reader.consume($0) } }
            try parser.finish { try reader.consume($0) }
            let respondents = try reader.finish()
            if let note = parser.byteOrderMarkNote { StandardStreams.note("\(name): \(note)") }
            let design = try SurveyDesign(table: respondents, columns: columns)
            crosstab = try Crosstab(
                table: respondents, design: design,
                request: .init(
                    row: row, by: byColumns, dropMissing: dropMissing, method: method,
                    level: level, lead: leadPair, compare: compare))
        } catch let error as CSVError {
            StandardStreams.error("\(name):\(error)")
            throw DataErrors.exitCode
        } catch let error as Crosstab.RequestError {
            StandardStreams.error("\(name): \(error)")
            throw DataErrors.exitCode
        }
        let sink = try OutputFile(path: output)
        let digits = layout.digits, header = !layout.noHeader
        switch format {
        case .text, .markdown:
            let rendering = format.rendering!
            var text =
                "Weighted shares of \(row) (points) with \(level.percentText)% \(method.rawValue) intervals; \(designSentence()).\n\n"
            // --table narrows the people formats to the crosstab, the sentences and that table.
            let shown = table.map { [$0] } ?? [.shares, .leads, .comparisons]
            text += rendering.render(CrosstabReport.grid(crosstab, digits: digits), header: header, digits: digits)
            if !crosstab.leads.isEmpty {
                text += "\n" + CrosstabReport.leadSentences(crosstab, digits: digits)
            }
            if shown.contains(.shares) {
                text += "\n" + rendering.render(CrosstabReport.sharesTable(crosstab), header: header, digits: digits)
            }
            if shown.contains(.leads) && !crosstab.leads.isEmpty {
                text += "\n" + rendering.render(CrosstabReport.leadsTable(crosstab), header: header, digits: digits)
            }
            if shown.contains(.comparisons) && !crosstab.comparisons.isEmpty {
                text +=
                    "\n" + rendering.render(CrosstabReport.comparisonsTable(crosstab), header: header, digits: digits)
            }
            sink.write(text)
        case .svg:
            sink.write(
                CrosstabChart.chart(crosstab, title: "Weighted shares of \(row)", source: SVGChart.fileName(of: file)))
        case .csv, .tsv, .json:
            let rendering = format.rendering!
            let chosen = table ?? (compare ? .comparisons : lead != nil ? .leads : .shares)
            let out: ReportTable
            switch chosen {
            case .shares: out = CrosstabReport.sharesTable(crosstab)
            case .leads: out = CrosstabReport.leadsTable(crosstab)
            case .comparisons: out = CrosstabReport.comparisonsTable(crosstab)
            }
            rendering.write(out, header: header, digits: digits, to: sink.write)
        }
        try sink.finish()
    }

    /// The design in words, for the text output's first line.
    func designSentence() -> String {
        if let prefix = replicateWeights, let type = replicateType {
            return "standard errors from \(type.rawValue) replicate weights \(prefix)*"
                + (mse ? " centred on the full-sample estimate" : "")
        }
        var parts: [String] = []
        parts.append(weight.map { "weights \($0)" } ?? "equal weights")
        if let strata { parts.append("strata \(strata)") }
        if let cluster { parts.append("clusters \(cluster)") }
        if let fpc { parts.append("fpc \(fpc)") }
        return "linearized standard errors, " + parts.joined(separator: ", ")
    }
}

enum CrosstabTableArgument: String, ExpressibleByArgument, CaseIterable {
    case shares, leads, comparisons
}

extension ReplicateType: ExpressibleByArgument {}
extension SurveyIntervalMethod: ExpressibleByArgument {}
