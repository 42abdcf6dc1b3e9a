using Orrery.Core.Spaces;
using static TorchSharp.torch;

namespace Orrery.Model;

/// <summary>Conversions between uint8 HWC frames and float (B, C, H, W) tensors in [0, 1].</summary>
public static class FrameTensors
{
    /// <summary>count frames laid out back to back (HWC uint8) -> (count, C, H, W) of the given dtype.</summary>
    public static Tensor FromBytes(byte[] frames, int count, ObservationSpec spec, ScalarType dtype = ScalarType.Float32)
    {
        var raw = tensor(frames, [count, spec.Height, spec.Width, spec.Channels], dtype: ScalarType.Byte);   // (B, H, W, C)
        return raw.permute(0, 3, 1, 2).to(dtype).div_(255.0);                                              // (B, C, H, W)
    }

    /// <summary>Concatenates frames (each HWC uint8) into one buffer.</summary>
    public static byte[] Concat(IReadOnlyList<byte[]> frames, ObservationSpec spec)
    {
        var all = new byte[frames.Count * spec.FrameBytes];
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Length != spec.FrameBytes)
                throw new Core.Errors.OrreryException($"frame {i} has {frames[i].Length} bytes, expected {spec.FrameBytes} ({spec} uint8 HWC)");
            frames[i].CopyTo(all, i * spec.FrameBytes);
        }
        return all;
    }

    /// <summary>(B, C, H, W) in [0, 1] -> B frames of HWC uint8 (rounded, clamped).</summary>
    public static byte[][] ToBytes(Tensor frames)
    {
        using var scope = NewDisposeScope();
        var b = frames.shape[0];
        var q = frames.to(ScalarType.Float32).mul(255).round_().clamp_(0, 255).to(ScalarType.Byte).permute(0, 2, 3, 1).contiguous().cpu();   // (B, H, W, C)
        var all = q.bytes.ToArray();
        var per = all.Length / (int)b;
        return Enumerable.Range(0, (int)b).Select(i => all.AsSpan(i * per, per).ToArray()).ToArray();
    }
}
