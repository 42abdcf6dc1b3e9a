namespace Orrery.Evaluation.Reports;

/// <summary>
/// Action controllability: IDM accuracy on real pairs and on generated pairs of the same episodes and actions, and
/// their ratio (1 = the generated frames show the actions as clearly as the real ones).
/// </summary>
public sealed record IdmReport(double RealAccuracy, double GeneratedAccuracy, double? Ratio, int RealPairs, int GeneratedPairs,
                               double HeldOutAccuracy, double Chance, string CacheFolder, bool Cached);
