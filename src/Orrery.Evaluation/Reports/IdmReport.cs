namespace Orrery.Evaluation.Reports;

/// <summary>
/// Action controllability: IDM accuracy on real pairs and on generated pairs of the same episodes and actions, and
/// their ratio (1 = the generated frames show the actions as clearly as the real ones). ExcludedPairs = pairs left out
/// because the real frames show no effect of the action (see VisibleEffect). HeldOutAccuracy = the IDM's accuracy on
/// held-out real pairs of random actions under the same rule: the judge's own ceiling.
/// </summary>
public sealed record IdmReport(double RealAccuracy, double GeneratedAccuracy, double? Ratio, int RealPairs, int GeneratedPairs, int ExcludedPairs,
                               double HeldOutAccuracy, double Chance, string CacheFolder, bool Cached);
