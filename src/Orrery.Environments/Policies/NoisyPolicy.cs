using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>
/// Another box policy with independent noise on every action: each dimension gets uniform noise of standard deviation
/// <see cref="Spread"/> half-widths of the box, fresh each frame, and the sum is clipped into the box. A graded policy:
/// the more noise, the less often the wrapped policy's plan survives. Seeded by SplitMix64, so reproducible.
/// </summary>
public sealed class NoisyPolicy : IPolicy
{
    private readonly IPolicy inner;
    private readonly BoxActionSpace actions;
    private readonly float[] noisy;
    private SplitMix64 rng;

    /// <summary>Wraps <paramref name="inner"/>, whose actions lie in <paramref name="actions"/>, under noise of <paramref name="spread"/> half-widths; named <paramref name="name"/>.</summary>
    public NoisyPolicy(string name, IPolicy inner, BoxActionSpace actions, double spread)
    {
        Name = name;
        this.inner = inner;
        this.actions = actions;
        Spread = spread;
        noisy = new float[actions.Dimensions];
        Reset(0);
    }

    public string Name { get; }

    /// <summary>Standard deviation of the noise, in half-widths of the box.</summary>
    public double Spread { get; }

    public void Reset(int seed)
    {
        rng = SplitMix64.From(0x4E4F4953, seed); // "NOIS"
        inner.Reset(seed);
    }

    public ActionVector Act(Observation observation, int step)
    {
        var clean = inner.Act(observation, step).Values;
        for (var i = 0; i < noisy.Length; i++)
        {
            double low = actions.Low[i], high = actions.High[i];
            // u = Spread * sqrt(3) * (2v - 1) for v uniform in [0, 1) has standard deviation Spread
            var noise = Spread * Math.Sqrt(3) * (2 * rng.NextDouble() - 1) * (high - low) / 2;
            noisy[i] = (float)Math.Clamp(clean[i] + noise, low, high);
        }
        return ActionVector.Continuous(noisy);
    }
}
