using System.Globalization;
using Orrery.Core.Errors;
using Orrery.Data.Video;

namespace Orrery.Data.LeRobot;

/// <summary>
/// The MP4 files of an export: H.264 in its lossless RGB mode (libx264rgb, qp 0, gbrp), so decoding gives back the
/// exact pixels. A keyframe every 2 frames (LeRobot's default GOP) keeps seeking to an episode's first frame cheap.
/// </summary>
public static class LosslessVideo
{
    public const string Codec = "h264";
    public const string PixelFormat = "gbrp";
    public const int Gop = 2;

    /// <summary>Encodes rgb24 frames that writeFrames streams in, at fps; the file appears only when ffmpeg succeeded.</summary>
    public static void Encode(string path, int height, int width, int fps, Action<Stream> writeFrames)
    {
        var ffmpeg = Ffmpeg.Locate("exporting a LeRobot dataset");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string[] args =
        [
            "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-r", Invariant(fps), "-i", "-",
            "-c:v", "libx264rgb", "-qp", "0", "-pix_fmt", "rgb24", "-g", Invariant(Gop),
            "-threads", "1", "-bitexact", "-f", "mp4", path,
        ];
        Ffmpeg.Run(ffmpeg, args, writeFrames, null, $"writing {path}");
    }

    /// <summary>Decodes every frame of a video file to rgb24 (H, W, 3) frames; the size must be height x width.</summary>
    public static List<byte[]> Decode(string path, int height, int width)
    {
        if (!File.Exists(path)) throw new OrreryException($"{path}: missing video; the LeRobot metadata lists it for its episodes");
        var ffmpeg = Ffmpeg.Locate($"reading {path}");
        var size = Ffmpeg.Capture(Ffmpeg.LocateProbe($"reading {path}"),
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x", path], $"probing {path}").Trim();
        if (size != $"{width}x{height}")
            throw new OrreryException($"{path}: video is '{size}' (width x height), but info.json says {width}x{height}");
        var frameBytes = height * width * 3;
        var frames = new List<byte[]>();
        Ffmpeg.Run(ffmpeg, ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], null, s =>
        {
            while (true)
            {
                var frame = new byte[frameBytes];
                var n = s.ReadAtLeast(frame, frameBytes, throwOnEndOfStream: false);
                if (n == 0) break;
                if (n < frameBytes) throw new OrreryException($"{path}: decoded a partial frame ({n} of {frameBytes} bytes); is the video {width}x{height} as info.json says?");
                frames.Add(frame);
            }
        }, $"reading {path}");
        return frames;
    }

    private static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);
}
