namespace Orrery.Data.Preview;

/// <summary>Pixel conversions the writers share: channel expansion to RGB/RGBA and nearest-neighbour upscaling.</summary>
public static class Pixels
{
    /// <summary>(H,W,C) with C in 1, 3 or 4 -> (H,W,outChannels) with outChannels 3 or 4 (alpha opaque).</summary>
    public static byte[] Expand(byte[] src, int height, int width, int channels, int outChannels)
    {
        if (channels is not (1 or 3 or 4)) throw new ArgumentException($"channels must be 1, 3 or 4, not {channels}");
        var n = height * width;
        var dst = new byte[n * outChannels];
        for (var i = 0; i < n; i++)
        {
            var s = i * channels;
            var d = i * outChannels;
            if (channels == 1) dst[d] = dst[d + 1] = dst[d + 2] = src[s];
            else
            {
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
            if (outChannels == 4) dst[d + 3] = 255;
        }
        return dst;
    }

    /// <summary>Nearest-neighbour upscale by an integer factor: keeps pixel edges crisp, as the model sees them.</summary>
    public static byte[] Upscale(byte[] src, int height, int width, int channels, int scale)
    {
        if (scale == 1) return src;
        var outWidth = width * scale;
        var dst = new byte[height * scale * outWidth * channels];
        var row = new byte[outWidth * channels];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                for (var k = 0; k < scale; k++)
                    Array.Copy(src, (y * width + x) * channels, row, (x * scale + k) * channels, channels);
            for (var k = 0; k < scale; k++) row.CopyTo(dst, (y * scale + k) * row.Length);
        }
        return dst;
    }

    /// <summary>An upscale factor that makes the frame about target pixels wide (at least 1).</summary>
    public static int ScaleFor(int width, int target = 256) => Math.Max(1, target / Math.Max(width, 1));
}
