using Orrery.Core.Spaces;
using Orrery.Evaluation.Metrics;

namespace Orrery.Evaluation.Tests.Metrics;

/// <summary>
/// Agreement with values computed once, independently, by tests/Orrery.Evaluation.Tests/reference/ssim_reference.py
/// (numpy 1.24.2, direct 2-D windows instead of our separable filters; run: /usr/bin/python3 ssim_reference.py).
/// </summary>
public class MetricReferenceTests
{
    private static readonly ObservationSpec Spec = new(16, 16, 3);

    // Same integer formulas as frames() in ssim_reference.py.
    private static byte[] FrameA() => Enumerable.Range(0, Spec.FrameBytes).Select(i => (byte)((i * 37L + 11) % 256)).ToArray();

    private static byte[] FrameB()
    {
        var a = FrameA();
        return Enumerable.Range(0, a.Length).Select(i => (byte)Math.Clamp(a[i] + (i * 53L % 41) - 20, 0, 255)).ToArray();
    }

    [Fact]
    public void Psnr_matches_the_numpy_reference() =>
        Assert.Equal(26.872138026654, Psnr.Compute(FrameA(), FrameB()), 9);

    [Fact]
    public void Frame_mse_and_mae_sums_match_the_numpy_reference()
    {
        Assert.Equal(1.578146866590, PixelError.FrameSquared(FrameA(), FrameB()), 9);
        Assert.Equal(29.854901960784, PixelError.FrameAbsolute(FrameA(), FrameB()), 9);
    }

    [Fact]
    public void Gaussian_ssim_matches_the_numpy_reference() =>
        Assert.Equal(0.988708652118, Ssim.Compute(FrameA(), FrameB(), Spec, SsimWindow.Gaussian), 9);

    [Fact]
    public void Uniform7_sample_covariance_ssim_matches_the_numpy_reference() =>
        Assert.Equal(0.987990580173, Ssim.Compute(FrameA(), FrameB(), Spec, SsimWindow.Uniform7), 9);

    [Fact]
    public void Edge_energy_matches_the_numpy_reference() =>
        Assert.Equal(0.575371009890, EdgeEnergy.Compute(FrameA(), Spec), 9);
}
