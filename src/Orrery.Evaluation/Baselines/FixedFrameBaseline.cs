using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Baselines;

/// <summary>
/// A baseline that ignores the actions: it picks one observation from the context at Begin and answers it for every
/// step. Its state is that observation, so Fork, Save and Restore are exact.
/// </summary>
public abstract class FixedFrameBaseline(WorldSpec world) : ISimulator
{
    public abstract string Name { get; }

    /// <summary>A baseline has no weights: its name is its identity.</summary>
    public string IdentityHash => Name;

    public WorldSpec World => world;

    /// <summary>One frame is enough; a longer context is used as given (mean-frame averages it).</summary>
    public int ContextFrames => 1;

    /// <summary>The observation answered for every step of a rollout that begins from <paramref name="start"/>.</summary>
    protected abstract Observation Answer(SimulatorStart start);

    public SimulatorState Begin(SimulatorStart start)
    {
        if (start.Context.Count == 0) throw new OrreryException($"{Name}: a rollout needs at least one context frame");
        return new FixedFrame(Answer(start), start.Context.Count - 1);
    }

    public IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions)
    {
        if (states.Count != actions.Count) throw new OrreryException($"{states.Count} states need {states.Count} actions, found {actions.Count}");
        // The answer ignores the actions, but a wrong one is refused here as by every simulator of this world.
        foreach (var a in actions) world.Actions?.Validate(a, allowUnknown: true);
        return states.Select(s => Own(s).Advance()).ToArray();
    }

    public SimulatorState Fork(SimulatorState state) => Own(state).Clone();

    public void Save(SimulatorState state, Stream stream) => Own(state).Write(stream);

    public SimulatorState Restore(Stream stream) => FixedFrame.Read(stream);

    public void Dispose() => GC.SuppressFinalize(this);

    private FixedFrame Own(SimulatorState state) =>
        state as FixedFrame ?? throw new ArgumentException($"{Name} was given a state of another simulator ({state.GetType().Name})", nameof(state));
}
