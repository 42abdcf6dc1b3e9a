namespace Orrery.Data.Preview;

/// <summary>A grid of frames with thin separators: the whole episode at a glance in one PNG.</summary>
public static class ContactSheet
{
    private const byte SeparatorGrey = 64;

    /// <summary>Lays frames out row by row, columns wide, each upscaled by scale, separated by separator pixels.</summary>
    public static (byte[] Pixels, int Height, int Width) Compose(IReadOnlyList<byte[]> frames, int height, int width, int channels, int columns, int scale = 1, int separator = 1)
    {
        columns = Math.Clamp(columns, 1, Math.Max(frames.Count, 1));
        var rows = (frames.Count + columns - 1) / columns;
        var (fh, fw) = (height * scale, width * scale);
        var sheetW = columns * fw + (columns + 1) * separator;
        var sheetH = rows * fh + (rows + 1) * separator;
        var sheet = new byte[sheetH * sheetW * channels];
        Array.Fill(sheet, SeparatorGrey);
        for (var i = 0; i < frames.Count; i++)
        {
            var tile = Pixels.Upscale(frames[i], height, width, channels, scale);
            var x0 = separator + i % columns * (fw + separator);
            var y0 = separator + i / columns * (fh + separator);
            for (var y = 0; y < fh; y++)
                Array.Copy(tile, y * fw * channels, sheet, ((y0 + y) * sheetW + x0) * channels, fw * channels);
        }
        return (sheet, sheetH, sheetW);
    }
}
