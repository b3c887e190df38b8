/// The poll file layouts PollCompare reads, recognised from the header row.
public enum PollFileLayout: String, Sendable {
    /// PollCompare's own long layout: `poll_id,pollster,sponsor,population,mode,sample_type,
    /// start_date,end_date,sample_size,deff,population_size,candidate,party,pct[,notes,source]`.
    /// Required: `poll_id`, `candidate`, `pct`; the others may be missing or empty.
    case tidy
    /// FiveThirtyEight's `president_polls.csv`: one row per question and answer; one
    /// `question_id` is one poll; dates M/D/YY; `answer`, `candidate_party` or `party`, `pct`.
    case fiveThirtyEightPolls = "fivethirtyeight-polls"
    /// FiveThirtyEight's pollster-ratings `raw-polls.csv`: one row per poll with two candidates
    /// (`cand1_pct`, `cand2_pct`) and the actual result (`margin_actual`).
    case fiveThirtyEightRawPolls = "fivethirtyeight-raw-polls"

    /// The tidy layout's columns, in order.
    public static let tidyColumns = [
        "poll_id", "pollster", "sponsor", "population", "mode", "sample_type", "start_date", "end_date",
        "sample_size", "deff", "population_size", "candidate", "party", "pct",
    ]
    /// The tidy layout's required columns.
    public static let tidyRequired = ["poll_id", "candidate", "pct"]

    /// Recognises a layout from the header's column names.
    public static func detect(_ names: [String]) -> PollFileLayout? {
        let set = Set(names)
        if ["cand1_pct", "cand2_pct", "samplesize", "margin_poll"].allSatisfy(set.contains) {
            return .fiveThirtyEightRawPolls
        }
        if [
            "question_id", "poll_id", "pollster", "sample_size", "population", "start_date", "end_date", "answer",
            "pct",
        ]
        .allSatisfy(set.contains) {
            return .fiveThirtyEightPolls
        }
        if set.contains("poll_id") || set.contains("candidate") || set.contains("pct") { return .tidy }
        return nil
    }
}
