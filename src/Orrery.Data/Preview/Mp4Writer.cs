using System.Globalization;
using Orrery.Data.Video;

namespace Orrery.Data.Preview;

/// <summary>H.264 MP4 of frames through ffmpeg (libx264, yuv420p, nearest-neighbour upscale); needs ffmpeg.</summary>
public static class Mp4Writer
{
    /// <summary>Writes frames (each (H,W,C) uint8) at fps, upscaled by scale; the file appears only when ffmpeg succeeded.</summary>
    public static void Write(string path, IReadOnlyList<byte[]> frames, int height, int width, int channels, int fps, int scale)
    {
        var ffmpeg = Ffmpeg.Locate("writing an MP4");
        if (frames.Count == 0) throw new ArgumentException("an MP4 needs at least one frame", nameof(frames));
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}.mp4";
        string[] args =
        [
            "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-r", Invariant(fps), "-i", "-",
            // yuv420p needs even sizes, hence the pad after the nearest-neighbour scale.
            "-vf", $"scale=iw*{scale}:ih*{scale}:flags=neighbor,pad=ceil(iw/2)*2:ceil(ih/2)*2",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "18", "-threads", "1", "-bitexact", "-f", "mp4", tmp,
        ];
        try
        {
            Ffmpeg.Run(ffmpeg, args, s =>
            {
                foreach (var frame in frames) s.Write(Pixels.Expand(frame, height, width, channels, 3));
            }, null, $"writing {path}");
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);
}
