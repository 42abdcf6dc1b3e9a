using System.Globalization;
using Orrery.Core.Errors;
using Orrery.Data.Format;
using Orrery.Data.Video;

namespace Orrery.Data.Import;

/// <summary>Imports a video file (MP4 or anything ffmpeg reads) as one RGB episode, optionally resized; needs ffmpeg.</summary>
public static class VideoImporter
{
    public static DatasetManifest Import(string file, ImportOptions opts, Action<int>? onFrame = null)
    {
        if (!File.Exists(file)) throw new OrreryException($"{file}: file not found");
        var probe = Ffmpeg.LocateProbe($"importing {file}");
        var ffmpeg = Ffmpeg.Locate($"importing {file}");
        var (width, height, rate) = Probe(probe, file);
        var (h, w) = opts.Resize ?? (height, width);
        var frameBytes = h * w * 3;
        var frames = new MemoryStream();
        var args = new List<string> { "-v", "error", "-i", file };
        if (opts.Resize is not null) args.AddRange(["-vf", $"scale={w}:{h}:flags=area"]);
        args.AddRange(["-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
        var buffer = new byte[frameBytes];
        Ffmpeg.Run(ffmpeg, args, null, s =>
        {
            while (s.ReadAtLeast(buffer, frameBytes, throwOnEndOfStream: false) is var n && n > 0)
            {
                if (n < frameBytes) throw new OrreryException($"{file}: ffmpeg delivered a partial frame ({n} of {frameBytes} bytes)");
                frames.Write(buffer);
            }
        }, $"importing {file}");
        var count = (int)(frames.Length / frameBytes);
        if (count == 0) throw new OrreryException($"{file}: ffmpeg decoded no frames");
        var sink = new ImportSink("video", file, h, w, 3, opts.Fps ?? rate, opts, onFrame);
        if (!sink.Has(0)) sink.Add(0, frames.ToArray(), count);
        return sink.Manifest;
    }

    /// <summary>Width, height and the rounded frame rate of the first video stream.</summary>
    private static (int Width, int Height, int Fps) Probe(string ffprobe, string file)
    {
        var text = Ffmpeg.Capture(ffprobe,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate", "-of", "csv=p=0", file],
            $"probing {file}").Trim();
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length < 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var width) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var height))
            throw new OrreryException($"{file}: no video stream found (ffprobe said '{text}')");
        var rate = parts[2].Split('/');
        var fps = rate.Length == 2 && double.TryParse(rate[0], CultureInfo.InvariantCulture, out var a) && double.TryParse(rate[1], CultureInfo.InvariantCulture, out var b) && b > 0
            ? (int)Math.Max(1, Math.Round(a / b)) : ImportOptions.DefaultFps;
        return (width, height, fps);
    }
}
