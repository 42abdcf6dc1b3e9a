namespace Orrery.Evaluation.Metrics;

/// <summary>Mean, variance and saturated fraction of one frame's values on [0, 1]; the stability protocol's per-frame trace.</summary>
public readonly record struct FrameStatistics(double Mean, double Variance, double SaturatedFraction)
{
    public static FrameStatistics Of(ReadOnlySpan<byte> frame)
    {
        long sum = 0, sumSq = 0, saturated = 0;
        foreach (var v in frame)
        {
            sum += v;
            sumSq += v * v;
            if (v is 0 or 255) saturated++;
        }
        var n = (double)frame.Length;
        var mean = sum / n / 255.0;
        var variance = Math.Max(0, sumSq / n / (255.0 * 255.0) - mean * mean);
        return new FrameStatistics(mean, variance, saturated / n);
    }
}
