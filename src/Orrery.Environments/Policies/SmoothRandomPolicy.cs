using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>
/// Random actions for a box space that drift rather than jitter: each dimension follows a first-order autoregressive
/// process (a discrete Ornstein-Uhlenbeck process, as in DDPG's exploration noise, Lillicrap et al. 2016) driven by
/// uniform noise, n' = Persistence * n + sqrt(1 - Persistence^2) * u with u uniform of standard deviation Spread, in
/// units of the box's half-width around its centre, then clipped into the box. Pure arithmetic on SplitMix64 draws,
/// so the same seed gives the same actions on every platform.
/// </summary>
public sealed class SmoothRandomPolicy : IPolicy
{
    /// <summary>Correlation of successive steps: the noise forgets its past in about 1 / (1 - 0.95) = 20 frames (0.8 s at 24 fps).</summary>
    public const double Persistence = 0.95;

    /// <summary>Standard deviation of the noise in half-widths of the box: wide enough to swing the arm, rarely clipped.</summary>
    public const double Spread = 0.6;

    // u = Spread * sqrt(3) * (2v - 1) for v uniform in [0, 1) has standard deviation Spread.
    private static readonly double Drive = Math.Sqrt(1 - Persistence * Persistence) * Spread * Math.Sqrt(3);

    private readonly BoxActionSpace actions;
    private readonly double[] noise;
    private readonly float[] action;
    private SplitMix64 rng;

    public SmoothRandomPolicy(BoxActionSpace actions)
    {
        this.actions = actions;
        noise = new double[actions.Dimensions];
        action = new float[actions.Dimensions];
        Reset(0);
    }

    public string Name => "random";

    public void Reset(int seed)
    {
        rng = SplitMix64.From(0x534D4F4F, seed); // "SMOO"
        // start from the process's stationary spread, so the first second looks like the rest
        for (var i = 0; i < noise.Length; i++) noise[i] = Spread * Math.Sqrt(3) * (2 * rng.NextDouble() - 1);
    }

    public ActionVector Act(Observation observation, int step)
    {
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = Persistence * noise[i] + Drive * (2 * rng.NextDouble() - 1);
            double low = actions.Low[i], high = actions.High[i];
            action[i] = (float)Math.Clamp((low + high) / 2 + noise[i] * (high - low) / 2, low, high);
        }
        return ActionVector.Continuous(action);
    }
}
