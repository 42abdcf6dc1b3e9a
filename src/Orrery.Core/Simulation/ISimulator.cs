using Orrery.Core.Environments;
using Orrery.Core.Spaces;

namespace Orrery.Core.Simulation;

/// <summary>
/// The one contract of everything that can be stepped like a world: the ground-truth environment, a learned world
/// model, and the baselines. Evaluation and sessions use only this. Calls for one simulator and its states are made on
/// one thread; states of one simulator may be stepped together in one batch.
/// </summary>
public interface ISimulator : IDisposable
{
    /// <summary>Name in tables, JSON and session lists: a model's folder name, "truth-maze", "copy-last", ...</summary>
    string Name { get; }

    /// <summary>Identity for provenance and replay: the weights' SHA-256 for a model, a fixed tag otherwise.</summary>
    string IdentityHash { get; }

    /// <summary>The world simulated: frames, actions, streams, clock.</summary>
    WorldSpec World { get; }

    /// <summary>Context frames a rollout should begin from: a model's window K (older frames are forgotten), 1 for the truth.</summary>
    int ContextFrames { get; }

    /// <summary>Starts a rollout from context (the newest context observation is the rollout's current frame).</summary>
    SimulatorState Begin(SimulatorStart start);

    /// <summary>Advances every state by one frame under its action, in as few passes as possible; results in state order.</summary>
    IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions);

    /// <summary>An independent copy: stepping one never changes the other, and both continue bit for bit alike.</summary>
    SimulatorState Fork(SimulatorState state);

    /// <summary>Writes everything needed to continue the rollout bit for bit.</summary>
    void Save(SimulatorState state, Stream stream);

    /// <summary>Reads a state written by <see cref="Save"/> of this same simulator.</summary>
    SimulatorState Restore(Stream stream);
}

/// <summary>One rollout's state inside a simulator; each simulator keeps its own subclass. Dispose it when done.</summary>
public abstract class SimulatorState : IDisposable
{
    /// <summary>Index of the current frame (the first context frame is 0).</summary>
    public abstract long FrameIndex { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
