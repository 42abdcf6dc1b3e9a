using Orrery.Core.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Orrery.Data.Preview;

/// <summary>Animated GIF of frames, nearest-neighbour upscaled, looping forever.</summary>
public static class GifWriter
{
    /// <summary>Writes frames (each (H,W,C) uint8, C in 1/3/4) at fps, upscaled by scale, crash-safely.</summary>
    public static void Write(string path, IReadOnlyList<byte[]> frames, int height, int width, int channels, int fps, int scale)
    {
        if (frames.Count == 0) throw new ArgumentException("a GIF needs at least one frame", nameof(frames));
        var (h, w) = (height * scale, width * scale);
        // GIF delays are in 1/100 s; browsers slow anything under 2 down to 10, so 2 is the floor.
        var delay = Math.Max(2, (int)Math.Round(100.0 / Math.Max(fps, 1)));
        using var gif = new Image<Rgba32>(w, h);
        foreach (var frame in frames)
        {
            var rgba = Pixels.Upscale(Pixels.Expand(frame, height, width, channels, 4), height, width, 4, scale);
            using var image = Image.LoadPixelData<Rgba32>(rgba, w, h);
            image.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = delay;
            gif.Frames.AddFrame(image.Frames.RootFrame);
        }
        gif.Frames.RemoveFrame(0);   // the blank frame the image was created with
        gif.Metadata.GetGifMetadata().RepeatCount = 0;   // 0 = loop forever
        AtomicFile.Write(path, s => gif.SaveAsGif(s));
    }
}
