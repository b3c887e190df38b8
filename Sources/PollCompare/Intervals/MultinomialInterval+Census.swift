extension MultinomialInterval {
    /// A census (n = N): no sampling error, every interval is its share.
    init(census shares: [Double], method: MultinomialIntervalMethod) {
        self.method = method
        lower = shares
        upper = shares
    }
}
