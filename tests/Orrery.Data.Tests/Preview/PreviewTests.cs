using Orrery.Data.Preview;
using Orrery.Data.Tests.TestDoubles;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace Orrery.Data.Tests.Preview;

public sealed class PreviewTests
{
    private static byte[][] Frames(int count, int h, int w, int c) =>
        Enumerable.Range(0, count).Select(t => Enumerable.Range(0, h * w * c).Select(i => (byte)(i * 13 + t * 50)).ToArray()).ToArray();

    [Fact]
    public void Gif_has_every_frame_upscaled_and_loops()
    {
        using var dir = new TempDir();
        GifWriter.Write(dir["a.gif"], Frames(7, 8, 10, 3), 8, 10, 3, fps: 20, scale: 4);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(dir["a.gif"]), 0, 6));
        using var image = Image.Load<Rgba32>(dir["a.gif"]);
        Assert.Equal(7, image.Frames.Count);
        Assert.Equal((40, 32), (image.Width, image.Height));
        Assert.Equal(0, image.Metadata.GetGifMetadata().RepeatCount);
        Assert.Equal(5, image.Frames[1].Metadata.GetGifMetadata().FrameDelay);
    }

    [Fact]
    public void Gif_of_grey_frames_is_grey()
    {
        using var dir = new TempDir();
        var frame = new byte[4 * 4];
        Array.Fill(frame, (byte)100);
        GifWriter.Write(dir["g.gif"], [frame], 4, 4, 1, fps: 24, scale: 1);
        using var image = Image.Load<Rgba32>(dir["g.gif"]);
        Assert.Equal(new Rgba32(100, 100, 100, 255), image[2, 2]);
    }

    [Fact]
    public void Png_keeps_pixels_exactly()
    {
        using var dir = new TempDir();
        var frame = Frames(1, 5, 7, 3)[0];
        PngWriter.Write(dir["p.png"], frame, 5, 7, 3);
        using var bitmap = SKBitmap.Decode(dir["p.png"]);
        Assert.Equal((7, 5), (bitmap.Width, bitmap.Height));
        var pixel = bitmap.GetPixel(3, 2);
        var o = (2 * 7 + 3) * 3;
        Assert.Equal((frame[o], frame[o + 1], frame[o + 2]), (pixel.Red, pixel.Green, pixel.Blue));
    }

    [Fact]
    public void Contact_sheet_is_a_grid_with_separators()
    {
        using var dir = new TempDir();
        var (pixels, h, w) = ContactSheet.Compose(Frames(5, 8, 8, 3), 8, 8, 3, columns: 3, scale: 2, separator: 1);
        Assert.Equal((2 * 16 + 3, 3 * 16 + 4), (h, w));
        PngWriter.Write(dir["s.png"], pixels, h, w, 3);
        using var bitmap = SKBitmap.Decode(dir["s.png"]);
        Assert.Equal((w, h), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Side_by_side_puts_left_then_separator_then_right()
    {
        var left = Frames(2, 2, 3, 1);
        var right = Frames(3, 2, 3, 1);
        var both = SideBySide.Compose(left, right, 2, 3, 1, separator: 2);
        Assert.Equal(3, both.Frames.Count);
        Assert.Equal(8, both.Width);
        Assert.Equal(left[1][3..6], both.Frames[1][8..11]);
        Assert.Equal([255, 255], both.Frames[1][11..13]);
        Assert.Equal(right[1][3..6], both.Frames[1][13..16]);
        Assert.All(both.Frames[2][0..3], v => Assert.Equal(0, v));   // left ran out: black
    }
}
