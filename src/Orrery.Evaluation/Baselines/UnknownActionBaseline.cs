using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Baselines;

/// <summary>
/// Baseline: the same simulator, but every action after the context is <see cref="ActionVector.Unknown"/>. The gap
/// between the model and this row is what the model learned from the actions. It does not own the simulator.
/// </summary>
public sealed class UnknownActionBaseline(ISimulator inner) : ISimulator
{
    public string Name => "unknown-action";

    public string IdentityHash => $"{Name}:{inner.IdentityHash}";

    public WorldSpec World => inner.World;

    public int ContextFrames => inner.ContextFrames;

    /// <summary>The context keeps its real actions: only what follows is hidden.</summary>
    public SimulatorState Begin(SimulatorStart start) => inner.Begin(start);

    public IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions) =>
        inner.Step(states, Enumerable.Repeat(ActionVector.Unknown, actions.Count).ToArray());

    public SimulatorState Fork(SimulatorState state) => inner.Fork(state);

    public void Save(SimulatorState state, Stream stream) => inner.Save(state, stream);

    public SimulatorState Restore(Stream stream) => inner.Restore(stream);

    public void Dispose() => GC.SuppressFinalize(this);
}
