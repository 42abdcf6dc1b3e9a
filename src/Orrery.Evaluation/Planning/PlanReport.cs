using Orrery.Evaluation.Reports;

namespace Orrery.Evaluation.Planning;

/// <summary>What `orrery plan` measured, as written by --json: the model planner beside the same planner run on the truth.</summary>
public sealed record PlanReport
{
    public const string SchemaVersion = "orrery.plan/1";

    public string Schema { get; init; } = SchemaVersion;

    /// <summary>The command line that made this report.</summary>
    public required string Command { get; init; }

    public required ModelInfo Model { get; init; }

    public required string Environment { get; init; }

    public required int Episodes { get; init; }

    public required int Seed { get; init; }

    /// <summary>Frames an episode may run before it counts as a failure.</summary>
    public required int Steps { get; init; }

    /// <summary>True frames (under the no-op) every episode begins from: the model's window K.</summary>
    public required int ContextFrames { get; init; }

    public required PlanOptions Planner { get; init; }

    /// <summary>Cores the process could use and torch's intra-op threads, for the time per action.</summary>
    public required int Cores { get; init; }

    /// <summary>The planner scoring candidates inside the model; null when only the truth planner ran.</summary>
    public PlannerReport? ModelPlanner { get; init; }

    /// <summary>The same planner scoring candidates in the true simulator (the upper bound); null when only the model planner ran.</summary>
    public PlannerReport? TruthPlanner { get; init; }

    /// <summary>Model planner's success rate over the truth planner's; null unless both ran and the truth succeeded at all.</summary>
    public double? SuccessRatio { get; init; }

    public required PlanTargets Targets { get; init; }
}

/// <summary>One planner's episodes: success rate, the time each decision took, and a hash of every action executed (for determinism).</summary>
public sealed record PlannerReport(string Simulator, string IdentityHash, double SuccessRate, int Successes, int Episodes, TimeSummary SecondsPerAction, int Decisions,
                                   string ActionsSha256, IReadOnlyList<PlanEpisode> EpisodeResults);

/// <summary>One episode: its reset seed, whether the truth reached success, and the frames (actions) it took.</summary>
public sealed record PlanEpisode(int Seed, bool Success, int Frames);

/// <summary>The targets and whether this run met them (null where the run cannot tell).</summary>
public sealed record PlanTargets(double Success, double Ratio, double SecondsPerAction, bool? SuccessMet, bool? RatioMet, bool? TimeMet)
{
    public static PlanTargets Of(PlanTask task, PlannerReport? model, double? ratio) =>
        new(task.TargetSuccess, PlanTask.TargetRatio, PlanTask.TargetSecondsPerAction,
            model is null ? null : model.SuccessRate >= task.TargetSuccess,
            ratio is null ? null : ratio >= PlanTask.TargetRatio,
            model is null ? null : model.SecondsPerAction.Mean < PlanTask.TargetSecondsPerAction);
}
