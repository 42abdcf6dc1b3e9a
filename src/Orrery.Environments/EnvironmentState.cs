using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Environments;

/// <summary>
/// One rollout of an <see cref="EnvironmentSimulator"/>: a live environment, the episode it was reset to, and every
/// action since that reset, which is all a deterministic environment needs to be rebuilt. Dispose it (reach holds
/// native MuJoCo memory).
/// </summary>
public sealed class EnvironmentState : SimulatorState
{
    private readonly IEnvironment environment;
    private readonly List<ActionVector> actions = [];

    internal EnvironmentState(EnvironmentSimulator owner, IEnvironment environment, EpisodeOrigin origin)
    {
        Owner = owner;
        this.environment = environment;
        Origin = origin;
    }

    internal EnvironmentSimulator Owner { get; }

    /// <summary>The episode (world, reset seed) the environment was reset to.</summary>
    public EpisodeOrigin Origin { get; }

    /// <summary>Every action taken since the reset, in order (context actions included).</summary>
    public IReadOnlyList<ActionVector> Actions => actions;

    /// <summary>Actions since the reset: the reset frame is the first context frame, index 0.</summary>
    public override long FrameIndex => actions.Count;

    /// <summary>Resets the environment to <see cref="Origin"/> and returns its first observation.</summary>
    internal Observation Reset() => environment.Reset(Origin.ResetSeed);

    /// <summary>Steps the environment (which validates the action) and records the action.</summary>
    internal Observation Step(ActionVector action)
    {
        var observation = environment.Step(action).Observation;
        actions.Add(action);
        return observation;
    }

    public override void Dispose()
    {
        (environment as IDisposable)?.Dispose();
        base.Dispose();
    }
}
