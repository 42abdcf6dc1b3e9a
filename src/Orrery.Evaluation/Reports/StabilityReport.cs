using Orrery.Evaluation.Metrics;

namespace Orrery.Evaluation.Reports;

/// <summary>
/// A long rollout's health over time under one policy, the first frame where it collapsed or exploded, and the share
/// of generated frames whose mean and variance lie in the range of real frames: those of the same rollout
/// (<see cref="RealRange"/>) and those of the world (<see cref="WorldRange"/>: the rollout's real frames and
/// <see cref="Protocols.StabilityProtocol.ReferenceEpisodes"/> more real episodes of the same world and policy), and each
/// predicted stream's error against the truth over the whole rollout.
/// </summary>
public sealed record StabilityReport(string Policy, int World, int Frames, int SampleEvery, IReadOnlyList<StabilitySample> Trace,
                                     StabilityEvent? Collapse, StabilityEvent? Explosion, RealFrameRange RealRange, double InRangeFraction,
                                     RealFrameRange WorldRange, double InWorldRangeFraction, IReadOnlyDictionary<string, StreamScore> Streams);

/// <summary>Smallest and largest mean and variance (pixels on [0, 1]) of a set of real frames.</summary>
public sealed record RealFrameRange(double MeanMin, double MeanMax, double VarianceMin, double VarianceMax)
{
    public static RealFrameRange Of(IEnumerable<FrameStatistics> frames)
    {
        var all = frames.ToArray();
        return new RealFrameRange(all.Min(s => s.Mean), all.Max(s => s.Mean), all.Min(s => s.Variance), all.Max(s => s.Variance));
    }

    public bool Contains(double mean, double variance) =>
        mean >= MeanMin && mean <= MeanMax && variance >= VarianceMin && variance <= VarianceMax;

    /// <summary>Share of the frames whose mean and variance both lie inside.</summary>
    public double Share(IReadOnlyCollection<FrameStatistics> frames) => frames.Count(s => Contains(s.Mean, s.Variance)) / (double)frames.Count;
}

/// <summary>
/// One sampled generated frame: mean, variance and saturated fraction (values 0 or 255) on [0, 1] pixels, edge energy,
/// tokenizer reconstruction MSE (null without a tokenizer) and the true frame's variance for comparison.
/// </summary>
public sealed record StabilitySample(int Frame, double Mean, double Variance, double Saturated, double EdgeEnergy,
                                     double? ReconstructionMse, double TruthVariance);

/// <summary>The first frame where a failure was seen and why.</summary>
public sealed record StabilityEvent(int Frame, string Reason);
