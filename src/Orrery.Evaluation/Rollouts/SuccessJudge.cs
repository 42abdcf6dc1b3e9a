using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Streams;
using Orrery.Environments;

namespace Orrery.Evaluation.Rollouts;

/// <summary>What decides that a frame is solved.</summary>
public enum SuccessSource
{
    /// <summary>The task's own rule (reach: fingertip on the target; push: the T on its goal) on the frame's `state` stream.</summary>
    State,

    /// <summary>The frame's `success` stream at or above <see cref="SuccessJudge.SuccessThreshold"/>.</summary>
    Stream,
}

/// <summary>
/// Judges frames solved the same way in the truth and inside a model. In the truth both sources agree (its success
/// stream is the rule on its state); inside a model the state rule reads the predicted positions, while the success
/// stream is a learned head that can fire on a blurred arm crossing the target.
/// </summary>
public static class SuccessJudge
{
    /// <summary>A frame's `success` stream counts as solved from this value on (a model predicts it as a number).</summary>
    public const float SuccessThreshold = 0.5f;

    /// <summary>The judge for <paramref name="environment"/>'s frames; a task with no state rule is refused for <see cref="SuccessSource.State"/>.</summary>
    public static Func<Observation, bool> For(SuccessSource source, string environment) => source switch
    {
        SuccessSource.Stream => ByStream,
        _ => EnvironmentRegistry.Info(environment).SolvedByState is { } rule
            ? o => o.Streams.TryGetValue(StreamNames.State, out var state) && rule(state)
            : throw new OrreryException($"--success state: environment '{environment}' has no success rule on its state; use --success stream"),
    };

    /// <summary>Whether an observation's `success` stream passes <see cref="SuccessThreshold"/>.</summary>
    public static bool ByStream(Observation observation) =>
        observation.Streams.TryGetValue(StreamNames.Success, out var value) && value.Length > 0 && value[0] >= SuccessThreshold;
}
