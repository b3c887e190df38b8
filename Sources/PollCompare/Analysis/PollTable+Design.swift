extension PollTable {
    /// Question `q`'s design effect (1 when the file gives none) and population size (nil when
    /// it gives none), as every analysis of a poll file takes them.
    func designParameters(_ q: Int) -> (designEffect: Double, populationSize: Double?) {
        (designEffect[q].isNaN ? 1 : designEffect[q], populationSize[q].isNaN ? nil : populationSize[q])
    }

    /// `error`, met building question `q`'s design, as the error that names its poll and line.
    func designError(_ q: Int, _ error: PollCompareError) -> PollCompareError {
        .invalidPollDesign(poll: pollID[q], line: line[q], reason: error.description)
    }
}
