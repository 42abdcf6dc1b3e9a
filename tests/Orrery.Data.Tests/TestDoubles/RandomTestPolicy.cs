using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Data.Tests.TestDoubles;

/// <summary>Uniformly random actions from a seeded generator; deterministic per Reset seed.</summary>
public sealed class RandomTestPolicy(int actions) : IPolicy
{
    private Random rng = new(0);

    public string Name => "random";

    public void Reset(int seed) => rng = new Random(seed);

    public ActionVector Act(Observation observation, int step) => ActionVector.Discrete(rng.Next(actions));
}
