import PlanKit
import PlanSyntax
import Testing

/// Every diagnostic code's documented examples are compiled: the triggering ones must report that
/// code exactly at their `↓` markers, the passing ones must not report it (nor any error).
@Suite struct DescriptorExampleTests {
    static let descriptors = RuleRegistry.descriptors

    @Test(arguments: descriptors.map(\.code))
    func triggeringExamplesReportExactlyAtTheirMarkers(code: String) throws {
        let descriptor = try #require(RuleRegistry.descriptor(for: code))
        #expect(!descriptor.triggering.isEmpty, "\(code) has no triggering example")
        for example in descriptor.triggering {
            let fixture = try PlanFixture(example)
            defer { fixture.remove() }
            let diagnostics = fixture.relative(fixture.diagnostics(limits: example.limits ?? .default))
            let reported = diagnostics.filter { $0.code == code }
            if fixture.markers.isEmpty {
                #expect(!reported.isEmpty, "\(code): example reported nothing: \(positions(diagnostics))")
            } else {
                let found = Set(reported.map { PlanFixture.Marker(file: $0.file, line: $0.line, column: $0.column) })
                #expect(found == Set(fixture.markers), "\(code): expected at \(fixture.markers), got \(positions(diagnostics))")
            }
            let otherErrors = diagnostics.filter { $0.code != code && $0.severity == .error }
            #expect(otherErrors.isEmpty, "\(code): example also reports \(positions(otherErrors))")
        }
    }

    @Test(arguments: descriptors.map(\.code))
    func passingExamplesReportNoError(code: String) throws {
        let descriptor = try #require(RuleRegistry.descriptor(for: code))
        #expect(!descriptor.passing.isEmpty, "\(code) has no passing example")
        for example in descriptor.passing {
            let fixture = try PlanFixture(example)
            defer { fixture.remove() }
            let diagnostics = fixture.relative(fixture.diagnostics(limits: example.limits ?? .default))
            #expect(diagnostics.filter { $0.code == code || $0.severity == .error }.isEmpty,
                    "\(code): passing example reports \(positions(diagnostics))")
        }
    }

    @Test func codesAreUniqueAndWellFormed() {
        let codes = Self.descriptors.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(Set(Self.descriptors.map(\.name)).count == codes.count)
        for descriptor in Self.descriptors {
            let prefix = descriptor.severity == .warning ? "W" : "E"
            #expect(descriptor.code.hasPrefix(prefix), "\(descriptor.code) is a \(descriptor.severity) by default")
            #expect(descriptor.code.count == 4)
            #expect(!descriptor.summary.hasSuffix("."), "\(descriptor.code): summaries have no trailing period")
        }
    }
}
