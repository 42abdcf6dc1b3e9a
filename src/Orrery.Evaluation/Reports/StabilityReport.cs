namespace Orrery.Evaluation.Reports;

/// <summary>
/// A long rollout's health over time under one policy, the first frame where it collapsed or exploded, the range of
/// the real frames' mean and variance over the same rollout, and the share of generated frames inside that range.
/// </summary>
public sealed record StabilityReport(string Policy, int World, int Frames, int SampleEvery, IReadOnlyList<StabilitySample> Trace,
                                     StabilityEvent? Collapse, StabilityEvent? Explosion, RealFrameRange RealRange, double InRangeFraction);

/// <summary>Smallest and largest mean and variance (pixels on [0, 1]) of the real frames of a rollout.</summary>
public sealed record RealFrameRange(double MeanMin, double MeanMax, double VarianceMin, double VarianceMax)
{
    public bool Contains(double mean, double variance) =>
        mean >= MeanMin && mean <= MeanMax && variance >= VarianceMin && variance <= VarianceMax;
}

/// <summary>
/// One sampled generated frame: mean, variance and saturated fraction (values 0 or 255) on [0, 1] pixels, edge energy,
/// tokenizer reconstruction MSE (null without a tokenizer) and the true frame's variance for comparison.
/// </summary>
public sealed record StabilitySample(int Frame, double Mean, double Variance, double Saturated, double EdgeEnergy,
                                     double? ReconstructionMse, double TruthVariance);

/// <summary>The first frame where a failure was seen and why.</summary>
public sealed record StabilityEvent(int Frame, string Reason);
