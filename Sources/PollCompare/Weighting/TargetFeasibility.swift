/// Whether the target margins can be met at all on the cells the data has, checked pair by pair
/// of variables before raking, so that contradictory targets are named instead of iterated on.
///
/// Raking can only move weight within the non-empty cells. For two variables A and B, margins
/// with these cells exist iff a flow of the targets' total can pass from A's categories (each
/// supplying its target share) through the non-empty cells to B's categories (each taking its
/// target share): a bipartite transportation problem, decided by a maximum flow (Edmonds–Karp).
/// When the flow falls short by more than ``tolerance``, the minimum cut gives a set S of A's
/// categories whose respondents all sit in B's categories N(S) while t(S) > t(N(S)) (Hall's
/// condition fails), and that pair is what the error names.
///
/// For two raking variables this is exact (up to the tolerance). For three or more, the pairwise
/// conditions are necessary but not sufficient: targets that pass them and still cannot be met
/// show up as raking that does not converge (reported, with exit 65), never as a loop.
/// Targets that can be met only with some cells at weight 0 (a flow that is exactly tight) pass
/// this check; raking then approaches that boundary without reaching it and is reported as not
/// converging.
///
/// Pairs with more than ``maxCategories`` categories between them are not checked.
///
/// - Complexity: O(pairs·(cells + k²·paths)) with k the categories of a pair (at most
///   ``maxCategories``) and paths the augmenting paths found (about k in practice).
public enum TargetFeasibility {
    /// The shortfall of the flow (a proportion of the total) beyond which targets are declared
    /// impossible: 1e-9.
    public static let tolerance = 1e-9
    /// The most categories of a pair of variables checked: 500 (a flow network of 502² entries).
    public static let maxCategories = 500

    /// Checks every pair of variables.
    ///
    /// - Throws: ``RakingError/contradictoryTargets(variable:categories:share:other:partners:partnerShare:)``
    ///   for the first pair (in the targets' order) that cannot be met.
    public static func check(_ table: CrossClassificationTable, _ targets: RakingTargets) throws(RakingError) {
        let vars = targets.variables
        guard vars.count >= 2 else { return }
        for a in 0..<vars.count {
            for b in (a + 1)..<vars.count {
                try checkPair(table, vars[a], a, vars[b], b)
            }
        }
    }

    private static func checkPair(
        _ table: CrossClassificationTable, _ va: RakingTargets.Variable, _ a: Int,
        _ vb: RakingTargets.Variable, _ b: Int
    ) throws(RakingError) {
        let p = va.categories.count, q = vb.categories.count
        // The flow network is dense: above ``maxCategories`` categories in a pair the check is
        // skipped (memory and time would grow with their square), and raking reports such
        // targets as not converging instead.
        guard p + q <= maxCategories else { return }
        var adjacent = [Bool](repeating: false, count: p * q)
        for k in 0..<table.cellCount {
            adjacent[table.category(ofCell: k, variable: a) * q + table.category(ofCell: k, variable: b)] = true
        }
        // Nodes: 0 source, 1...p A's categories, p+1...p+q B's, p+q+1 sink.
        let n = p + q + 2, sink = n - 1
        var capacity = [Double](repeating: 0, count: n * n)
        for i in 0..<p { capacity[0 * n + 1 + i] = va.shares[i] }
        for j in 0..<q { capacity[(1 + p + j) * n + sink] = vb.shares[j] }
        for i in 0..<p {
            for j in 0..<q where adjacent[i * q + j] { capacity[(1 + i) * n + 1 + p + j] = .infinity }
        }
        var flow = 0.0
        var parent = [Int](repeating: -1, count: n)
        func reach() -> [Bool] {
            var seen = [Bool](repeating: false, count: n)
            parent = [Int](repeating: -1, count: n)
            var queue = [0]
            seen[0] = true
            var head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                for w in 0..<n where !seen[w] && capacity[u * n + w] > 0 {
                    seen[w] = true
                    parent[w] = u
                    queue.append(w)
                }
            }
            return seen
        }
        // Each augmenting path saturates a source or sink edge or a reverse edge: at most
        // O(n²) paths, each small; a cap guards against rounding ping-pong.
        var rounds = 0
        while reach()[sink] {
            rounds += 1
            // Inconclusive (rounding ping-pong): no claim is made.
            if rounds > 4 * n * n { return }
            var bottleneck = Double.infinity
            var v = sink
            while v != 0 { let u = parent[v]; bottleneck = min(bottleneck, capacity[u * n + v]); v = u }
            if !(bottleneck > 0) { break }
            v = sink
            while v != 0 {
                let u = parent[v]
                capacity[u * n + v] -= bottleneck
                capacity[v * n + u] += bottleneck
                v = u
            }
            flow += bottleneck
        }
        guard flow < 1 - tolerance else { return }
        let seen = reach()
        let setA = (0..<p).filter { seen[1 + $0] }
        guard !setA.isEmpty else { return }
        let partners = (0..<q).filter { j in setA.contains { adjacent[$0 * q + j] } }
        let share = setA.reduce(0.0) { $0 + va.shares[$1] }
        let partnerShare = partners.reduce(0.0) { $0 + vb.shares[$1] }
        guard share > partnerShare + tolerance else { return }
        throw .contradictoryTargets(
            variable: va.name, categories: setA.map { va.categories[$0] }, share: share,
            other: vb.name, partners: partners.map { vb.categories[$0] },
            partnerShare: partnerShare)
    }
}
