import Foundation
@testable import PlanKit
import Testing

/// `planc trend` parses a file once for every commit with the same blob of it: the trend must be
/// the one compiling every revision from scratch gives.
@Suite struct TrendReuseTests {
    /// Seven commits: the plan and its QA fragment; QA 8d, then 6d (the fragment alone changes);
    /// build 15d (the root alone); QA 8d again (a blob seen before); a fragment YAML cannot read
    /// (a key twice); the root changed under the still broken fragment.
    static let folder: URL = {
        do {
            let folder = try temporaryFolder()
            let plan = TrendRepository.planPath, qa = "plans/teams/qa.yaml"
            try TrendRepository.git(["init", "-q", "-b", "main"], in: folder)
            try TrendRepository.write(TrendRepository.plan(), to: plan, in: folder)
            try TrendRepository.write(TrendRepository.qa("5d"), to: qa, in: folder)
            try TrendRepository.commit("Launch plan", date: "2027-01-04T09:00:00Z", in: folder)
            try TrendRepository.write(TrendRepository.qa("8d"), to: qa, in: folder)
            try TrendRepository.commit("QA 8d", date: "2027-01-05T09:00:00Z", in: folder)
            try TrendRepository.write(TrendRepository.qa("6d"), to: qa, in: folder)
            try TrendRepository.commit("QA 6d", date: "2027-01-06T09:00:00Z", in: folder)
            try TrendRepository.write(TrendRepository.plan(build: "15d"), to: plan, in: folder)
            try TrendRepository.commit("Build 15d", date: "2027-01-07T09:00:00Z", in: folder)
            try TrendRepository.write(TrendRepository.qa("8d"), to: qa, in: folder)
            try TrendRepository.commit("QA 8d again", date: "2027-01-08T09:00:00Z", in: folder)
            try TrendRepository.write(TrendRepository.qa("8d") + "teams:\n  ops: { name: Ops }\n", to: qa, in: folder)
            try TrendRepository.commit("Ops team, written twice", date: "2027-01-11T09:00:00Z", in: folder)
            try TrendRepository.write(TrendRepository.plan(build: "12d"), to: plan, in: folder)
            try TrendRepository.commit("Build 12d", date: "2027-01-12T09:00:00Z", in: folder)
            return folder
        } catch {
            fatalError("cannot build the repository: \(error)")
        }
    }()

    static func walk(reusing: Bool) throws -> (trend: Trend, documents: ParsedDocuments?) {
        var options = TrendAnalysis.Options()
        options.reusesParsedFiles = reusing
        return try TrendAnalysis.walk(plan: TrendRepository.planPath, workingFolder: folder.path, options: options)
    }

    @Test func reusingParsedFilesGivesTheTrendOfCompilingEveryRevisionAfresh() throws {
        let (reused, documents) = try Self.walk(reusing: true)
        let (fresh, none) = try Self.walk(reusing: false)
        #expect(none == nil)
        #expect(reused == fresh)
        // The table is a real one: every commit, the launch moving with QA and build, the broken
        // fragment's error at both commits that read it.
        #expect(reused.revisions.map(\.subject) == ["Launch plan", "QA 8d", "QA 6d", "Build 15d", "QA 8d again",
                                                   "Ops team, written twice", "Build 12d"])
        let launch = try #require(reused.series.first { $0.id == "launch" })
        #expect(launch.forecasts.map { $0?.iso } == ["2027-03-26", "2027-03-31", "2027-03-29", "2027-04-05", "2027-04-07", nil, nil])
        #expect(reused.revisions[5].failure != nil)
        #expect(reused.revisions[5].failure == reused.revisions[6].failure)
        #expect(reused.revisions[6].failure?.hasPrefix("plans/teams/qa.yaml:") == true, "\(reused.revisions[6].failure ?? "")")
        // Each blob parsed once: the root twice unchanged, the fragment three times, QA 8d read
        // back from commit 2, the broken fragment from commit 6.
        #expect(documents?.parsed == 7)
        #expect(documents?.reused == 7)
    }
}
