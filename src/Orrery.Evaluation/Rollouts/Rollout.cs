using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// One episode played by the environment and a predictor in lockstep. Truth[t] and Generated[t] are frame t;
/// the first Context generated frames are the real ones the predictor was given. Actions[t] produced frame t
/// (Actions[0] = -1).
/// </summary>
public sealed record Rollout(int World, int Seed, ObservationSpec Spec, int Context, IReadOnlyList<byte[]> Truth,
                             IReadOnlyList<byte[]> Generated, IReadOnlyList<int> Actions)
{
    public int Length => Truth.Count;
}
