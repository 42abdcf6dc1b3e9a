using Orrery.Core.Environments;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// One episode played by the environment and a simulator in lockstep. Truth[t] and Generated[t] are observation t
/// (frame and streams); the first Context generated observations are the real ones the simulator was given.
/// Actions[t] produced observation t (Actions[0] is <see cref="ActionVector.Unknown"/>).
/// </summary>
public sealed record Rollout(int World, int Seed, ObservationSpec Spec, int Context, IReadOnlyList<Observation> Truth,
                             IReadOnlyList<Observation> Generated, IReadOnlyList<ActionVector> Actions)
{
    public int Length => Truth.Count;
}
