using Orrery.Core.Errors;
using Orrery.Environments;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;

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

    /// <summary>
    /// The task a model is used for: <paramref name="env"/>, or the environment the model was trained on, checked
    /// against the model (its frames, actions and streams must be that environment's). One line when they disagree.
    /// </summary>
    public static PlanTask ForModel(WorldModel model, string? env, string modelDir)
    {
        var trained = model.World.Environment is { Length: > 0 } name ? name : null;
        var task = Of(env ?? trained ?? throw new OrreryException($"{modelDir}: the checkpoint names no environment (a version 1 model); pass --env"));
        if (trained is not null && !string.Equals(trained, task.Environment, StringComparison.OrdinalIgnoreCase))
            throw new OrreryException($"{modelDir}: the model was trained on '{trained}', not on --env {task.Environment}");
        ModelEnvironmentMatch.Check(model.World, EnvironmentRegistry.Spec(task.Environment, model.Spec.Height), modelDir);
        return task;
    }
}
