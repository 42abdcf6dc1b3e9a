using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>
/// Another policy acting on a stale observation: at frame t it is shown frame t - <see cref="Delay"/> (the episode's
/// first frame until there are enough), as a controller behind a slow camera or a laggy link is. A graded policy:
/// the longer the delay, the more its pushes land where the block used to be.
/// </summary>
public sealed class DelayedPolicy : IPolicy
{
    private readonly IPolicy inner;
    private readonly Queue<Observation> seen = new();

    /// <summary>Wraps <paramref name="inner"/> behind a delay of <paramref name="delay"/> frames; named <paramref name="name"/>.</summary>
    public DelayedPolicy(string name, IPolicy inner, int delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        Name = name;
        this.inner = inner;
        Delay = delay;
    }

    public string Name { get; }

    /// <summary>Frames between what the wrapped policy sees and what is.</summary>
    public int Delay { get; }

    public void Reset(int seed)
    {
        seen.Clear();
        inner.Reset(seed);
    }

    public ActionVector Act(Observation observation, int step)
    {
        seen.Enqueue(observation);
        if (seen.Count > Delay + 1) seen.Dequeue();
        return inner.Act(seen.Peek(), Math.Max(0, step - Delay));
    }
}
