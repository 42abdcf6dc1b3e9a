using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Metrics;

/// <summary>
/// Sharpness of a frame: the mean Sobel gradient magnitude sqrt(gx^2 + gy^2) of its grey image (mean of the channels,
/// pixels in [0, 1]) over interior pixels. A blurry or collapsing rollout loses edge energy long before PSNR says so.
/// </summary>
public static class EdgeEnergy
{
    public static double Compute(ReadOnlySpan<byte> frame, ObservationSpec spec)
    {
        int h = spec.Height, w = spec.Width, ch = spec.Channels;
        if (h < 3 || w < 3) return 0;
        var grey = new double[h * w];
        for (var i = 0; i < h * w; i++)
        {
            var s = 0;
            for (var c = 0; c < ch; c++) s += frame[i * ch + c];
            grey[i] = s / (255.0 * ch);
        }
        var sum = 0.0;
        for (var r = 1; r < h - 1; r++)
            for (var c = 1; c < w - 1; c++)
            {
                double G(int dr, int dc) => grey[(r + dr) * w + c + dc];
                var gx = G(-1, 1) + 2 * G(0, 1) + G(1, 1) - G(-1, -1) - 2 * G(0, -1) - G(1, -1);
                var gy = G(1, -1) + 2 * G(1, 0) + G(1, 1) - G(-1, -1) - 2 * G(-1, 0) - G(-1, 1);
                sum += Math.Sqrt(gx * gx + gy * gy);
            }
        return sum / ((h - 2) * (w - 2));
    }
}
