namespace Orrery.Model.Metrics;

/// <summary>Peak signal-to-noise ratio between two uint8 images of equal size, data range 255.</summary>
public static class Psnr
{
    /// <summary>Identical images are capped at 100 dB so that averages stay finite.</summary>
    public const double Max = 100;

    public static double Compute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length || a.Length == 0) throw new ArgumentException($"images differ in size ({a.Length} vs {b.Length} bytes)");
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        var mse = sum / a.Length;
        return mse == 0 ? Max : Math.Min(Max, 10 * Math.Log10(255.0 * 255.0 / mse));
    }
}
