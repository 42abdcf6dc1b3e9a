namespace Orrery.Evaluation.Metrics;

/// <summary>
/// Peak signal-to-noise ratio of one frame against a reference, in dB: pixels on [0, 1] (data range 1, i.e. 255 for
/// uint8), MSE over every pixel and channel. Identical frames give <see cref="Cap"/> = 100 dB, not +inf, so that means
/// and JSON stay finite (one value off by 1 in a 64x64x3 frame is 89.0 dB). The computation is the model's own
/// <see cref="Model.Metrics.Psnr"/>, so training logs and evaluation agree to the bit.
/// </summary>
public static class Psnr
{
    /// <summary>The value given to identical frames (MSE = 0).</summary>
    public const double Cap = Model.Metrics.Psnr.Max;

    /// <summary>PSNR of <paramref name="predicted"/> against <paramref name="reference"/> (uint8 frames of the same shape).</summary>
    public static double Compute(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> reference) => Model.Metrics.Psnr.Compute(predicted, reference);
}
