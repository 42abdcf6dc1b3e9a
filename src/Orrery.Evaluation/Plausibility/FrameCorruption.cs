using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Plausibility;

/// <summary>
/// The failures people see, made on purpose from real frames, to calibrate the plausibility judge: Gaussian blur (what
/// PSNR rewards), horizontal motion blur (a smear), and vertical stripes (one row repeated down the frame, the look of
/// maze-v1's late rollouts). A judge that cannot tell these from real frames cannot be trusted on a model's.
/// </summary>
public static class FrameCorruption
{
    /// <summary>Separable Gaussian blur of standard deviation <paramref name="sigma"/> pixels (edges clamped).</summary>
    public static byte[] GaussianBlur(byte[] frame, ObservationSpec spec, double sigma)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = Enumerable.Range(-radius, 2 * radius + 1).Select(i => Math.Exp(-i * i / (2 * sigma * sigma))).ToArray();
        var sum = kernel.Sum();
        for (var i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        return Convolve(Convolve(ToDouble(frame), spec, kernel, horizontal: true), spec, kernel, horizontal: false).Select(Byte).ToArray();
    }

    /// <summary>Horizontal box blur over <paramref name="length"/> pixels: the smear of a camera turning fast.</summary>
    public static byte[] MotionBlur(byte[] frame, ObservationSpec spec, int length)
    {
        var kernel = Enumerable.Repeat(1.0 / length, length).ToArray();
        return Convolve(ToDouble(frame), spec, kernel, horizontal: true).Select(Byte).ToArray();
    }

    /// <summary>Row <paramref name="row"/> repeated over every row: columns of constant colour, "vertical stripes".</summary>
    public static byte[] VerticalStripes(byte[] frame, ObservationSpec spec, int row)
    {
        var stride = spec.Width * spec.Channels;
        var result = new byte[frame.Length];
        for (var y = 0; y < spec.Height; y++) Array.Copy(frame, row * stride, result, y * stride, stride);
        return result;
    }

    private static double[] ToDouble(byte[] frame) => frame.Select(b => (double)b).ToArray();

    private static byte Byte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);

    private static double[] Convolve(double[] image, ObservationSpec spec, double[] kernel, bool horizontal)
    {
        var (h, w, c) = (spec.Height, spec.Width, spec.Channels);
        var result = new double[image.Length];
        var half = kernel.Length / 2;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                for (var ch = 0; ch < c; ch++)
                {
                    double acc = 0;
                    for (var k = 0; k < kernel.Length; k++)
                    {
                        var (sy, sx) = horizontal ? (y, Math.Clamp(x + k - half, 0, w - 1)) : (Math.Clamp(y + k - half, 0, h - 1), x);
                        acc += kernel[k] * image[(sy * w + sx) * c + ch];
                    }
                    result[(y * w + x) * c + ch] = acc;
                }
        return result;
    }
}
