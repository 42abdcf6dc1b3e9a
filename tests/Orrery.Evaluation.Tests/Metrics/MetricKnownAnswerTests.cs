using Orrery.Core.Spaces;
using Orrery.Evaluation.Metrics;

namespace Orrery.Evaluation.Tests.Metrics;

public class MetricKnownAnswerTests
{
    private static readonly ObservationSpec Spec = new(16, 16, 3);

    private static byte[] Noise(int seed)
    {
        var bytes = new byte[Spec.FrameBytes];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Identical_frames_give_the_capped_psnr_and_ssim_one()
    {
        var a = Noise(1);
        Assert.Equal(Psnr.Cap, Psnr.Compute(a, a.ToArray()));
        Assert.Equal(1.0, Ssim.Compute(a, a, Spec, SsimWindow.Gaussian), 12);
        Assert.Equal(1.0, Ssim.Compute(a, a, Spec, SsimWindow.Uniform7), 12);
        Assert.Equal(0.0, PixelError.FrameSquared(a, a));
    }

    [Fact]
    public void One_value_off_by_one_is_below_the_cap()
    {
        var a = new byte[64 * 64 * 3];
        var b = a.ToArray();
        b[0] = 1;
        Assert.Equal(20 * Math.Log10(255) + 10 * Math.Log10(a.Length), Psnr.Compute(a, b), 9);
        Assert.True(Psnr.Compute(a, b) < Psnr.Cap);
    }

    [Fact]
    public void Black_against_white_is_zero_db_and_one_per_value()
    {
        var black = new byte[Spec.FrameBytes];
        var white = Enumerable.Repeat((byte)255, Spec.FrameBytes).ToArray();
        Assert.Equal(0.0, Psnr.Compute(black, white), 12);
        Assert.Equal(Spec.FrameBytes, PixelError.FrameSquared(black, white), 9);
        Assert.Equal(1.0, PixelError.MeanAbsolute(black, white), 12);
    }

    [Fact]
    public void A_flat_frame_has_no_edge_energy_and_a_step_edge_has_some()
    {
        var flat = Enumerable.Repeat((byte)128, Spec.FrameBytes).ToArray();
        Assert.Equal(0.0, EdgeEnergy.Compute(flat, Spec));
        var step = new byte[Spec.FrameBytes];
        for (var i = 0; i < Spec.Height * Spec.Width; i++)
            if (i % Spec.Width >= Spec.Width / 2) step[i * 3] = step[i * 3 + 1] = step[i * 3 + 2] = 255;
        // Two interior columns see the edge with |gx| = 4 (Sobel weights 1+2+1) on every interior row.
        Assert.Equal(2.0 * 4 / (Spec.Width - 2), EdgeEnergy.Compute(step, Spec), 12);
    }

    [Fact]
    public void Structure_loss_lowers_ssim()
    {
        var a = Noise(1);
        Assert.True(Ssim.Compute(a, Noise(2), Spec, SsimWindow.Gaussian) < 0.2);
    }
}
