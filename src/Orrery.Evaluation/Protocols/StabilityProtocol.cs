using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Simulation;
using Orrery.Core.Streams;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Long-horizon stability: one long lockstep rollout (the policy sees only real frames), tracking the generated
/// frames' statistics. Collapse = variance below <see cref="CollapseVariance"/> (a flat colour); explosion = more than
/// <see cref="ExplosionSaturation"/> of the values at 0 or 255 (NaN and overflow end up there once cast to bytes).
/// </summary>
public static class StabilityProtocol
{
    /// <summary>Variance on [0, 1] pixels below which a frame counts as flat (std under 1% of the range).</summary>
    public const double CollapseVariance = 1e-4;

    /// <summary>Fraction of saturated values above which a frame counts as exploded.</summary>
    public const double ExplosionSaturation = 0.9;

    /// <summary>Real episodes besides the rollout's own that make up the world's reference range.</summary>
    public const int ReferenceEpisodes = 8;

    /// <summary>Samples in a trace (the sample interval is frames / this, at least 1).</summary>
    public const int TraceSamples = 200;

    public static StabilityReport Run(IEnvironment env, IPolicy policy, string policyName, int world, ISimulator model,
                                      Func<byte[], byte[]>? reconstruct, int frames, int context, int seed, long modelSeed,
                                      EvalProgress? progress = null)
    {
        var every = Math.Max(1, (frames - context) / TraceSamples);
        var spec = env.Spec.Observation;
        var trace = new List<StabilitySample>();
        StabilityEvent? collapse = null, explosion = null;
        var generatedStats = new List<FrameStatistics>();
        var truthStats = new List<FrameStatistics>();
        var streams = new List<(StreamValues, StreamValues)>();
        LockstepRollout.Run(model, [new LockstepRollout.Episode(env, policy, world, seed)], frames, context, modelSeed,
            done => progress?.Invoke($"stability: {policyName}", done, frames, "frames"),
            (t, truth, generated) =>
            {
                var frame = generated[0].Frame;
                var stats = FrameStatistics.Of(frame);
                var real = FrameStatistics.Of(truth[0].Frame);
                generatedStats.Add(stats);
                truthStats.Add(real);
                streams.Add((generated[0].Streams, truth[0].Streams));
                if (collapse is null && stats.Variance < CollapseVariance)
                    collapse = new StabilityEvent(t, $"flat frame: variance {stats.Variance:E2} < {CollapseVariance:E0}");
                if (explosion is null && stats.SaturatedFraction > ExplosionSaturation)
                    explosion = new StabilityEvent(t, $"saturated: {stats.SaturatedFraction:P0} of values at 0 or 255");
                if ((t - context) % every != 0 && t != frames - 1) return;
                double? reconstruction = reconstruct is null ? null : PixelError.MeanSquared(reconstruct(frame), frame);
                trace.Add(new StabilitySample(t, stats.Mean, stats.Variance, stats.SaturatedFraction, EdgeEnergy.Compute(frame, spec),
                                              reconstruction, real.Variance));
            },
            keepFrames: false);
        var range = RealFrameRange.Of(truthStats);
        var worldRange = RealFrameRange.Of(truthStats.Concat(ReferenceStatistics(env, policy, frames, seed)));
        return new StabilityReport(policyName, world, frames, every, trace, collapse, explosion, range, range.Share(generatedStats),
                                   worldRange, worldRange.Share(generatedStats), StreamError.Of(streams));
    }

    /// <summary>
    /// The frames of <see cref="ReferenceEpisodes"/> more real episodes of the same world and policy (reset seeds
    /// seed+1, seed+2, ...), each as long as the rollout. Once a model's rollout and the real one part ways, the model
    /// shows places the real rollout never visits; these episodes say what the world's real frames look like there.
    /// </summary>
    private static IEnumerable<FrameStatistics> ReferenceStatistics(IEnvironment env, IPolicy policy, int frames, int seed) =>
        Enumerable.Range(1, ReferenceEpisodes).SelectMany(i => GroundTruth.Record(env, policy, seed + i, frames).Observations.Select(o => FrameStatistics.Of(o.Frame)));
}
