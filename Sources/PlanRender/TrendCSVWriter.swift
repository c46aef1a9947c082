import PlanKit

/// `planc trend --format csv`: one row per commit and milestone (long form, what a spreadsheet's
/// pivot or chart wants): `commit,author_date,subject,status_date,id,kind,forecast,deadline,slip,error`.
/// `slip` is the working days the forecast moved later in that commit (empty when it did not); a
/// commit where the plan was not scheduled has one row with its `error`. RFC 4180, CRLF.
public enum TrendCSVWriter {
    public static func write(_ trend: Trend) -> String {
        var out = "commit,author_date,subject,status_date,id,kind,forecast,deadline,slip,error\r\n"
        for (index, revision) in trend.revisions.enumerated() {
            let lead = [Escape.csv(revision.shortCommit), revision.authorDay, Escape.csv(revision.subject), revision.statusDate.iso]
            if let failure = revision.failure {
                out += (lead + ["", "", "", "", "", Escape.csv(failure)]).joined(separator: ",") + "\r\n"
                continue
            }
            for series in trend.series {
                guard let forecast = series.forecasts[index] else { continue }
                let slip = trend.slips.first { $0.revision == index && $0.id == series.id }
                out += (lead + [Escape.csv(series.id), series.kind.rawValue, forecast.iso, series.deadlines[index]?.iso ?? "",
                                slip.map { String($0.workingDays) } ?? "", ""]).joined(separator: ",") + "\r\n"
            }
        }
        return out
    }
}
