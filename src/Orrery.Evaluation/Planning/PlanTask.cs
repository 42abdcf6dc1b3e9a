using Orrery.Core.Errors;

namespace Orrery.Evaluation.Planning;

/// <summary>
/// What planning a task means, in one place: how long an episode may run and the success rate to reach (DINO-WM's
/// planning results, Zhou et al. 2024: Reach 0.92, PushT 0.90).
/// </summary>
public sealed record PlanTask(string Environment, int Steps, double TargetSuccess)
{
    /// <summary>The model planner should reach this fraction of the truth planner's success.</summary>
    public const double TargetRatio = 0.9;

    /// <summary>Planning time per decision to stay under (s), on 2 cores.</summary>
    public const double TargetSecondsPerAction = 1.0;

    private static readonly PlanTask[] Tasks =
    [
        new("reach", Steps: 60, TargetSuccess: 0.92),    // the expert reaches in about 20 frames
        new("push", Steps: 300, TargetSuccess: 0.90),    // PushT episodes run to 300 steps
    ];

    /// <summary>The task of environment <paramref name="environment"/>; an environment without one is one line naming those with one.</summary>
    public static PlanTask Of(string environment) =>
        Tasks.FirstOrDefault(t => string.Equals(t.Environment, environment, StringComparison.OrdinalIgnoreCase))
        ?? throw new OrreryException($"environment '{environment}' has no planning task; expected one of: {string.Join(", ", Tasks.Select(t => t.Environment))}");
}
