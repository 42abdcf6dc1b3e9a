using Orrery.Core.Policies;

namespace Orrery.Evaluation.Rollouts;

/// <summary>A fixed action list played in order (then noop): the memory protocols' turn-in-place and corridor walks.</summary>
public sealed class ActionScript(IReadOnlyList<int> actions) : IPolicy
{
    public string Name => "script";

    public IReadOnlyList<int> Actions => actions;

    public void Reset(int seed) { }

    public int Act(ReadOnlySpan<byte> observation, int step) => step < actions.Count ? actions[step] : 0;
}
