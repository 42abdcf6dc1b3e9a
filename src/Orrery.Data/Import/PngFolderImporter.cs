using Orrery.Core.Errors;
using Orrery.Data.Format;
using SkiaSharp;

namespace Orrery.Data.Import;

/// <summary>Imports a folder of PNG frames, sorted by file name, as one episode; grey-scale PNGs stay 1 channel.</summary>
public static class PngFolderImporter
{
    public static DatasetManifest Import(string folder, ImportOptions opts, Action<int>? onFrame = null)
    {
        if (!Directory.Exists(folder)) throw new OrreryException($"{folder}: folder not found");
        var files = Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new OrreryException($"{folder}: no .png files found");
        var first = Decode(files[0], null);
        var (h, w, c) = (first.Height, first.Width, first.Channels);
        var frames = new byte[(long)files.Length * h * w * c];
        first.Pixels.CopyTo(frames, 0);
        for (var i = 1; i < files.Length; i++)
            Decode(files[i], (h, w, c)).Pixels.CopyTo(frames, (long)i * h * w * c);
        var sink = new ImportSink("png", folder, h, w, c, opts.Fps ?? ImportOptions.DefaultFps, opts, onFrame);
        if (!sink.Has(0)) sink.Add(0, frames, files.Length);
        return sink.Manifest;
    }

    private static (byte[] Pixels, int Height, int Width, int Channels) Decode(string file, (int H, int W, int C)? expected)
    {
        using var codec = SKCodec.Create(file) ?? throw new OrreryException($"{file}: not a readable PNG");
        var grey = codec.Info.ColorType == SKColorType.Gray8;
        var (h, w, c) = (codec.Info.Height, codec.Info.Width, grey ? 1 : 3);
        if (expected is { } e && (e.H, e.W, e.C) != (h, w, c))
            throw new OrreryException($"{file}: frame is {h}x{w}x{c}, but the first frame is {e.H}x{e.W}x{e.C}; all frames must have the same size");
        var info = new SKImageInfo(w, h, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, grey ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        var result = codec.GetPixels(info, out var buffer);
        if (result is not SKCodecResult.Success)
            throw new OrreryException($"{file}: cannot decode PNG ({result})");
        if (grey) return (buffer, h, w, 1);
        var rgb = new byte[h * w * 3];
        for (var i = 0; i < h * w; i++)
        {
            rgb[i * 3] = buffer[i * 4];
            rgb[i * 3 + 1] = buffer[i * 4 + 1];
            rgb[i * 3 + 2] = buffer[i * 4 + 2];
        }
        return (rgb, h, w, 3);
    }
}
