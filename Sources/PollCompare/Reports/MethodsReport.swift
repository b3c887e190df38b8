/// The table behind `pollcmp methods`: every interval method with what it is for and its source.
///
/// Columns: `family,method,summary,source`.
public enum MethodsReport {
    /// One row per method of every family. Complexity: O(methods).
    public static func table() -> ReportTable {
        var table = ReportTable(columns: ["family", "method", "summary", "source"])
        for m in ShareIntervalMethod.allCases {
            table.append([.text("share"), .text(m.rawValue), .text(m.summary), .text(m.source)])
        }
        for m in LeadIntervalMethod.allCases {
            table.append([.text("lead"), .text(m.rawValue), .text(m.summary), .text(m.source)])
        }
        for m in ChangeIntervalMethod.allCases {
            table.append([.text("change"), .text(m.rawValue), .text(m.summary), .text(m.source)])
        }
        for m in MultinomialIntervalMethod.allCases {
            table.append([.text("multinomial"), .text(m.rawValue), .text(m.summary), .text(m.source)])
        }
        return table
    }
}
