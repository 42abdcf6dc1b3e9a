namespace Orrery.Evaluation.Reports;

/// <summary>A long rollout's health over time under one policy, and the first frame where it collapsed or exploded.</summary>
public sealed record StabilityReport(string Policy, int World, int Frames, int SampleEvery, IReadOnlyList<StabilitySample> Trace,
                                     StabilityEvent? Collapse, StabilityEvent? Explosion);

/// <summary>
/// One sampled generated frame: mean, variance and saturated fraction (values 0 or 255) on [0, 1] pixels, edge energy,
/// tokenizer reconstruction MSE (null without a tokenizer) and the true frame's variance for comparison.
/// </summary>
public sealed record StabilitySample(int Frame, double Mean, double Variance, double Saturated, double EdgeEnergy,
                                     double? ReconstructionMse, double TruthVariance);

/// <summary>The first frame where a failure was seen and why.</summary>
public sealed record StabilityEvent(int Frame, string Reason);
