namespace Orrery.Evaluation.Reports;

/// <summary>Mean and percentiles of measured durations (s).</summary>
public sealed record TimeSummary(double Mean, double P50, double P95)
{
    /// <summary>The summary of <paramref name="seconds"/>; all zero when nothing was measured.</summary>
    public static TimeSummary Of(IReadOnlyCollection<double> seconds) =>
        seconds.Count == 0 ? new(0, 0, 0) : new(seconds.Average(), Percentile(seconds, 0.5), Percentile(seconds, 0.95));

    /// <summary>The nearest-rank q-quantile (q in [0, 1]) of a non-empty collection.</summary>
    public static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
