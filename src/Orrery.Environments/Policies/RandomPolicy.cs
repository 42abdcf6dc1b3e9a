using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>
/// Sticky random actions for a discrete space: picks an action uniformly (no-op included) and holds it for a uniformly
/// random number of steps in [MinHold, MaxHold], so recordings contain sustained motions rather than jitter.
/// </summary>
public sealed class RandomPolicy(DiscreteActionSpace actions) : IPolicy
{
    public const int MinHold = 2;
    public const int MaxHold = 12;

    private SplitMix64 rng = SplitMix64.From(0x52414E44, 0);
    private int current;
    private int remaining;

    public string Name => "random";

    public void Reset(int seed)
    {
        rng = SplitMix64.From(0x52414E44, seed); // "RAND"
        remaining = 0;
    }

    public ActionVector Act(Observation observation, int step)
    {
        if (remaining == 0)
        {
            current = rng.NextInt(actions.Count);
            remaining = rng.NextInt(MinHold, MaxHold);
        }
        remaining--;
        return ActionVector.Discrete(current);
    }
}
