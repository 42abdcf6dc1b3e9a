using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Environments;

/// <summary>
/// One rollout of an <see cref="EnvironmentSimulator"/>: a live environment, the episode it was reset to, and every
/// action since that reset, which is all a deterministic environment needs to be rebuilt. Dispose it: its environment
/// (native MuJoCo memory for reach and push) goes back to the simulator for reuse.
/// </summary>
public sealed class EnvironmentState : SimulatorState
{
    private readonly List<ActionVector> actions;
    private bool disposed;

    /// <summary>A rollout of <paramref name="environment"/>, which is at frame actions.Count of episode <paramref name="origin"/>.</summary>
    internal EnvironmentState(EnvironmentSimulator owner, ICopyableEnvironment environment, EpisodeOrigin origin, IEnumerable<ActionVector> actions)
    {
        Owner = owner;
        Environment = environment;
        Origin = origin;
        this.actions = [.. actions];
    }

    internal EnvironmentSimulator Owner { get; }

    /// <summary>The live environment, at this rollout's current frame.</summary>
    internal ICopyableEnvironment Environment { get; }

    /// <summary>The episode (world, reset seed) the environment was reset to.</summary>
    public EpisodeOrigin Origin { get; }

    /// <summary>Every action taken since the reset, in order (context actions included).</summary>
    public IReadOnlyList<ActionVector> Actions => actions;

    /// <summary>Actions since the reset: the reset frame is the first context frame, index 0.</summary>
    public override long FrameIndex => actions.Count;

    /// <summary>Resets the environment to <see cref="Origin"/> and returns its first observation.</summary>
    internal Observation Reset() => Environment.Reset(Origin.ResetSeed);

    /// <summary>Steps the environment (which validates the action) and records the action.</summary>
    internal Observation Step(ActionVector action)
    {
        var observation = Environment.Step(action).Observation;
        actions.Add(action);
        return observation;
    }

    public override void Dispose()
    {
        // twice would hand one environment to two later rollouts
        if (!disposed) Owner.Return(Origin.World, Environment);
        disposed = true;
        base.Dispose();
    }
}
