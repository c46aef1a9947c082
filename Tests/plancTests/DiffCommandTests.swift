import Foundation
import Testing

/// Runs git in `folder` with a fixed identity; fails the test when git fails.
private func git(_ arguments: [String], in folder: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.name=planc test", "-c", "user.email=planc@example.com",
                         "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"] + arguments
    process.currentDirectoryURL = folder
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
}

private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
}

@Suite struct DiffCommandTests {
    /// `full-rollout` (1d) runs between the go-live gate and the launch milestone on the critical path:
    /// six days more of it move the launch six working days, past its board deadline.
    @Test func growingACriticalTaskSlipsTheLaunchPastItsDeadline() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try String(contentsOf: Planc.repository.appendingPathComponent("plans/perp-v2-launch.yaml"), encoding: .utf8)
        let original = "      - id: full-rollout\n        title: Full rollout (lift caps, open to all eligible regions)\n        owner: ops\n        phase: launch\n        duration: 1d\n"
        #expect(plan.contains(original))
        try write(plan, to: folder.appendingPathComponent("base.yaml"))
        try write(plan.replacingOccurrences(of: original, with: original.replacingOccurrences(of: "duration: 1d", with: "duration: 7d")),
                  to: folder.appendingPathComponent("head.yaml"))

        let schedule = try Planc.run(["schedule", "--format", "json", "base.yaml"], in: folder)
        let path = try #require(try JSONSerialization.jsonObject(with: Data(schedule.stdout.utf8)) as? [String: Any])["critical_path"] as? [String]
        #expect(path == ["go-live", "full-rollout", "launch", "hypercare"])

        let result = try Planc.run(["diff", "base.yaml", "head.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("""
        ### Plan diff: perp-v2

        **`launch` slips 6 working days to 2027-03-16; deadline 2027-03-15 now missed.**

        | | moved | base | head | working days | deadline |
        |---|---|---|---|--:|---|
        | ◇ | `launch` Perpetual Futures V2 officially launched | 2027-03-08 | 2027-03-16 | **+6** | 2027-03-15 **missed** |
        |  | plan finish | 2027-03-15 | 2027-03-23 | **+6** |  |
        """))
        #expect(result.stdout.contains("- **now missed:** ◇ `launch` deadline 2027-03-15, forecast 2027-03-16 (was 2027-03-08), 1 working day late\n"))
        #expect(result.stdout.contains("- changed `full-rollout` Full rollout (lift caps, open to all eligible regions): duration 1d → 7d\n"))

        let json = try Planc.run(["diff", "--format", "json", "--output", "diff.json", "base.yaml", "head.yaml"], in: folder)
        #expect(json.status == 0 && json.stdout.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("diff.json"))) as? [String: Any])
        let launch = try #require((object["moved"] as? [[String: Any]])?.first)
        #expect(launch["id"] as? String == "launch" && launch["working_days"] as? Int == 6 && launch["misses_deadline"] as? Bool == true)
    }

    @Test func gitRevisionWithIncludesAgainstTheWorkingTree() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("""
        plan: p
        start: 2027-03-01
        include: [teams/*.yaml]
        tasks:
          - { id: design, owner: a, duration: 3d }
          - { id: launch, owner: a, milestone: true, after: [build], deadline: 2027-03-10 }
        """, to: folder.appendingPathComponent("plans/plan.yaml"))
        let fragment = folder.appendingPathComponent("plans/teams/build.yaml")
        try write("tasks:\n  - { id: build, owner: a, duration: 4d, after: [design] }\n", to: fragment)
        try git(["init", "-q"], in: folder)
        try git(["add", "-A"], in: folder)
        try git(["commit", "-q", "-m", "plan"], in: folder)
        // The working tree grows the included task by two days: Tue 03-09 becomes Thu 03-11.
        try write("tasks:\n  - { id: build, owner: a, duration: 6d, after: [design] }\n", to: fragment)

        let result = try Planc.run(["diff", "--git", "HEAD", "plans/plan.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("**`launch` slips 2 working days to 2027-03-11; deadline 2027-03-10 now missed.**"))
        #expect(result.stdout.contains("- changed `build`: duration 4d → 6d\n"))
        #expect(result.stdout.contains("<sub>base HEAD:plans/plan.yaml · head plans/plan.yaml"))

        // Without a path: the only root plan under plans/ (from a subfolder too).
        let found = try Planc.run(["diff", "--git", "HEAD", "--format", "json"], in: folder.appendingPathComponent("plans/teams"))
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("\"base\":{\"path\":\"HEAD:plans/plan.yaml\""))
        #expect(found.stdout.contains("\"head\":{\"path\":\"plans/plan.yaml\""))

        let unknown = try Planc.run(["diff", "--git", "no-such-branch", "plans/plan.yaml"], in: folder)
        #expect(unknown.status == 2 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.hasPrefix("planc: error: 'no-such-branch' is not a commit in "))

        // A broken working tree: diagnostics on stderr, the structural diff on stdout, exit 2.
        try write("tasks:\n  - { id: build, owner: a, duration: 6d, after: [desing] }\n", to: fragment)
        let broken = try Planc.run(["diff", "--git", "HEAD", "plans/plan.yaml"], in: folder)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("plans/teams/build.yaml:2:50: error[E104]: task 'build' depends on unknown id 'desing'"))
        #expect(broken.stdout.contains("**Dates cannot be compared: the head (plans/plan.yaml) has 1 error and cannot be scheduled; only structural changes (tasks and risks) are shown.**"))
        #expect(broken.stdout.contains("- changed `build`: duration 4d → 6d; after design → desing\n"))
    }

    @Test func usageAndUnreadableInput() throws {
        let one = try Planc.run(["diff", "plans/perp-v2-launch.yaml"])
        #expect(one.status == 64 || one.status == 2)
        #expect(one.stderr.contains("give two plans"))
        let missing = try Planc.run(["diff", "plans/perp-v2-launch.yaml", "no-such-plan.yaml"])
        #expect(missing.status == 2 && missing.stdout.isEmpty)
        let same = try Planc.run(["diff", "plans/perp-v2-launch.yaml", "plans/perp-v2-launch.yaml"])
        #expect(same.status == 0)
        #expect(same.stdout.contains("\n**No schedule changes.**\n"))
    }
}
