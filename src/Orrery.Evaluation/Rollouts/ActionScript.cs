using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>A fixed action list played in order, then <paramref name="after"/> (the space's no-op): the memory protocols' turn-in-place and corridor walks.</summary>
public sealed class ActionScript(IReadOnlyList<ActionVector> actions, ActionVector after) : IPolicy
{
    public string Name => "script";

    public IReadOnlyList<ActionVector> Actions => actions;

    public void Reset(int seed) { }

    public ActionVector Act(Observation observation, int step) => step < actions.Count ? actions[step] : after;
}
