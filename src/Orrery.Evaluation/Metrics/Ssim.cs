using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Metrics;

/// <summary>
/// Structural similarity (Wang et al. 2004) of two uint8 HWC frames, pixels scaled to [0, 1] (data range 1).
/// The local means, variances and covariance are separable weighted sums over each window that fits inside the frame
/// ("valid" positions, which is what scikit-image averages after cropping its padded border), and the result is the
/// mean of the SSIM map per channel, averaged over channels. Predictions are clipped to [0, 1] by construction (uint8).
/// </summary>
public static class Ssim
{
    /// <summary>Mean SSIM over channels; 1 for identical frames.</summary>
    public static double Compute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ObservationSpec spec, SsimWindow window)
    {
        if (a.Length != spec.FrameBytes || b.Length != spec.FrameBytes)
            throw new ArgumentException($"frames must be {spec} ({spec.FrameBytes} bytes); got {a.Length} and {b.Length}");
        if (spec.Height < window.Size || spec.Width < window.Size)
            throw new ArgumentException($"SSIM window {window.Size} does not fit a {spec} frame");
        var total = 0.0;
        for (var c = 0; c < spec.Channels; c++) total += Channel(a, b, spec, c, window);
        return total / spec.Channels;
    }

    private static double Channel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ObservationSpec spec, int channel, SsimWindow window)
    {
        int h = spec.Height, w = spec.Width, ch = spec.Channels, k = window.Size;
        var x = new double[h * w];
        var y = new double[h * w];
        for (var i = 0; i < h * w; i++)
        {
            x[i] = a[i * ch + channel] / 255.0;
            y[i] = b[i * ch + channel] / 255.0;
        }
        var xx = new double[h * w];
        var yy = new double[h * w];
        var xy = new double[h * w];
        for (var i = 0; i < h * w; i++)
        {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        var weights = window.Weights();
        var mx = Filter(x, h, w, weights);
        var my = Filter(y, h, w, weights);
        var mxx = Filter(xx, h, w, weights);
        var myy = Filter(yy, h, w, weights);
        var mxy = Filter(xy, h, w, weights);
        var n = (double)k * k;
        var norm = window.SampleCovariance ? n / (n - 1) : 1.0;    // scikit-image's use_sample_covariance
        var c1 = window.K1 * window.K1;                              // (K1 * data range)^2, data range 1
        var c2 = window.K2 * window.K2;
        var sum = 0.0;
        for (var i = 0; i < mx.Length; i++)
        {
            var vx = norm * (mxx[i] - mx[i] * mx[i]);
            var vy = norm * (myy[i] - my[i] * my[i]);
            var vxy = norm * (mxy[i] - mx[i] * my[i]);
            sum += (2 * mx[i] * my[i] + c1) * (2 * vxy + c2) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
        }
        return sum / mx.Length;
    }

    // Separable weighted sum over each valid window: (h, w) -> (h-k+1, w-k+1).
    private static double[] Filter(double[] src, int h, int w, double[] weights)
    {
        var k = weights.Length;
        int oh = h - k + 1, ow = w - k + 1;
        var rows = new double[h * ow];
        for (var r = 0; r < h; r++)
            for (var c = 0; c < ow; c++)
            {
                var s = 0.0;
                for (var j = 0; j < k; j++) s += weights[j] * src[r * w + c + j];
                rows[r * ow + c] = s;
            }
        var result = new double[oh * ow];
        for (var r = 0; r < oh; r++)
            for (var c = 0; c < ow; c++)
            {
                var s = 0.0;
                for (var j = 0; j < k; j++) s += weights[j] * rows[(r + j) * ow + c];
                result[r * ow + c] = s;
            }
        return result;
    }
}
