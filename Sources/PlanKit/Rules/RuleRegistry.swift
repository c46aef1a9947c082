import PlanSyntax

/// Every rule planc runs, in the order it runs them, and every diagnostic code it can report.
public enum RuleRegistry {
    public static let rules: [any Rule.Type] = [
        DuplicateIDRule.self,
        UnknownReferenceRule.self,
        UnknownTeamRule.self,
        NoCommonWorkdayRule.self,
        UnknownDoDRule.self,
        UnknownPhaseRule.self,
        UnknownRuleCodeRule.self,
        DependencyOnNonTaskRule.self,
        SelfDependencyRule.self,
        DependencyCycleRule.self,
        MilestoneDurationRule.self,
        MissingDurationRule.self,
        SummaryDurationRule.self,
        MissingOwnerRule.self,
        DoDNotMetRule.self,
        DoneBeforePredecessorsRule.self,
        UnmanagedRiskRule.self,
        PhaseOrderRule.self,
        GateWithoutCriteriaRule.self,
        ConfidenceWithoutDateRule.self,
        EventAheadOfFeatureRule.self,
        InconsistentActualsRule.self,
        ProgressAsFractionRule.self,
        InProgressCompleteRule.self,
        UnusedMetricRule.self,
        DemandExceedsCapacityRule.self,
        AbsenceOutsidePlanRule.self,
        CrossPlanLinkRule.self,
        // After scheduling (`needsSchedule`):
        DeadlineMissedRule.self,
        TaskLateRule.self,
        DateOutOfRangeRule.self,
        OverAllocationRule.self,
    ]

    /// Every code, sorted: syntax, load, then rule codes.
    public static var descriptors: [DiagnosticDescriptor] {
        (SyntaxDiagnostics.all + LoadDiagnostics.all + PortfolioDiagnostics.all + rules.map { $0.descriptor }).sorted { $0.code < $1.code }
    }

    public static func descriptor(for code: String) -> DiagnosticDescriptor? {
        descriptors.first { $0.code == code.uppercased() || $0.name == code.lowercased() }
    }
}

