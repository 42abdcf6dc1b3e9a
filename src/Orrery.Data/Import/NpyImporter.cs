using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Orrery.Core.Errors;
using Orrery.Data.Format;
using Orrery.Data.Npy;

namespace Orrery.Data.Import;

/// <summary>
/// Imports a .npy video array (uint8, or float in [0,1]) in one of the <see cref="NpyLayout"/> layouts.
/// Frames are read one at a time from disk, so arrays larger than memory import fine.
/// </summary>
public static class NpyImporter
{
    /// <summary>Floats this far outside [0,1] are clipped silently (rounding noise); farther is an error.</summary>
    public const double Tolerance = 1e-3;

    public static DatasetManifest Import(string file, string layout, ImportOptions opts, Action<int>? onFrame = null)
    {
        var parsed = NpyLayout.Parse(layout);
        var header = NpyHeader.Read(file);
        if (header.DType is not (NpyDType.UInt8 or NpyDType.Float32 or NpyDType.Float64))
            throw new OrreryException($"{file}: dtype {header.DType.Name()} cannot be imported as frames; expected uint8, or float32/float64 in [0,1]");
        var (n, t, h, w, c) = parsed.Dims(header.Shape, file);
        var episodes = Math.Min(n, opts.MaxEpisodes ?? int.MaxValue);
        var sink = new ImportSink($"npy-{parsed.Name}", file, h, w, c, opts.Fps ?? ImportOptions.DefaultFps, opts, onFrame);
        var frameElems = h * w * c;
        var item = header.DType.Size();
        var raw = new byte[frameElems * item];
        using var handle = File.OpenHandle(file);
        for (var e = 0; e < episodes; e++)
        {
            if (sink.Has(e)) { onFrame?.Invoke(t); continue; }
            var frames = new byte[(long)t * frameElems];
            for (var s = 0; s < t; s++)
            {
                var offset = header.DataOffset + parsed.FrameIndex(e, s, n, t) * frameElems * item;
                ReadExactly(handle, raw, offset);
                var frame = frames.AsSpan(s * frameElems, frameElems);
                ToBytes(raw, header.DType, frame, file);
                if (parsed.ChannelsFirst) Interleave(frame, h * w, c);
            }
            sink.Add(e, frames, t);
        }
        return sink.Manifest;
    }

    private static void ReadExactly(SafeFileHandle handle, byte[] buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(done), offset + done);
            if (read == 0) throw new EndOfStreamException();
            done += read;
        }
    }

    private static void ToBytes(byte[] raw, NpyDType dtype, Span<byte> frame, string file)
    {
        switch (dtype)
        {
            case NpyDType.UInt8:
                raw.AsSpan(0, frame.Length).CopyTo(frame);
                break;
            case NpyDType.Float32:
                var f = MemoryMarshal.Cast<byte, float>(raw);
                for (var i = 0; i < frame.Length; i++) frame[i] = Quantise(f[i], file);
                break;
            default:
                var d = MemoryMarshal.Cast<byte, double>(raw);
                for (var i = 0; i < frame.Length; i++) frame[i] = Quantise(d[i], file);
                break;
        }
    }

    private static byte Quantise(double x, string file)
    {
        if (!(x >= -Tolerance && x <= 1 + Tolerance))
            throw new OrreryException($"{file}: float value {x} is outside [0,1]; float frames must be scaled to [0,1] (or save them as uint8 0..255)");
        return (byte)Math.Clamp(Math.Round(x * 255), 0, 255);
    }

    /// <summary>(C,H*W) planes -> (H*W,C) pixels, in place through a copy.</summary>
    private static void Interleave(Span<byte> frame, int pixels, int channels)
    {
        var planes = frame.ToArray();
        for (var p = 0; p < pixels; p++)
            for (var k = 0; k < channels; k++)
                frame[p * channels + k] = planes[k * pixels + p];
    }
}
