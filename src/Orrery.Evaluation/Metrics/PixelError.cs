namespace Orrery.Evaluation.Metrics;

/// <summary>
/// Pixel errors on [0, 1] pixels. The Mean* forms average over all H*W*C values (what PSNR uses); the Frame* forms
/// sum over them, the video-prediction convention ("per-frame MSE/MAE"), later averaged over frames and sequences.
/// </summary>
public static class PixelError
{
    /// <summary>Mean of squared differences over every value of the frame, pixels in [0, 1].</summary>
    public static double MeanSquared(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => FrameSquared(a, b) / a.Length;

    /// <summary>Mean of absolute differences over every value of the frame, pixels in [0, 1].</summary>
    public static double MeanAbsolute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => FrameAbsolute(a, b) / a.Length;

    /// <summary>Sum over the frame's H*W*C values of the squared difference, pixels in [0, 1].</summary>
    public static double FrameSquared(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        CheckSameLength(a, b);
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        return sum / (255.0 * 255.0);
    }

    /// <summary>Sum over the frame's H*W*C values of the absolute difference, pixels in [0, 1].</summary>
    public static double FrameAbsolute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        CheckSameLength(a, b);
        long sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum / 255.0;
    }

    private static void CheckSameLength(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length || a.Length == 0)
            throw new ArgumentException($"frames must have the same non-zero size; got {a.Length} and {b.Length} bytes");
    }
}
