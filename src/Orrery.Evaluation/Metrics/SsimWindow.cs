namespace Orrery.Evaluation.Metrics;

/// <summary>
/// How SSIM weighs a pixel's neighbourhood. <see cref="Gaussian"/> is Wang et al. (2004): 11x11 Gaussian, sigma 1.5,
/// population (co)variances; used for the maze numbers. <see cref="Uniform7"/> is the video-prediction protocol,
/// scikit-image's `structural_similarity(data_range=1, win_size=7)` defaults: 7x7 box, sample (N-1) covariances.
/// Both use K1 = 0.01, K2 = 0.03, data range 1, average only over positions where the window lies inside the frame,
/// and average the per-channel SSIM over channels.
/// </summary>
public sealed record SsimWindow(int Size, double Sigma, bool SampleCovariance, double K1 = 0.01, double K2 = 0.03)
{
    /// <summary>11x11 Gaussian, sigma 1.5, population statistics (Wang et al. 2004).</summary>
    public static SsimWindow Gaussian { get; } = new(11, 1.5, SampleCovariance: false);

    /// <summary>7x7 uniform window, sample covariance (scikit-image defaults with win_size=7, data_range=1).</summary>
    public static SsimWindow Uniform7 { get; } = new(7, 0, SampleCovariance: true);

    /// <summary>The 1-D weights (sum 1); the 2-D window is their outer product.</summary>
    public double[] Weights()
    {
        var w = new double[Size];
        var r = (Size - 1) / 2.0;
        for (var i = 0; i < Size; i++) w[i] = Sigma > 0 ? Math.Exp(-(i - r) * (i - r) / (2 * Sigma * Sigma)) : 1.0;
        var sum = w.Sum();
        for (var i = 0; i < Size; i++) w[i] /= sum;
        return w;
    }
}
