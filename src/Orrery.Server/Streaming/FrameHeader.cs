using System.Buffers.Binary;
using Orrery.Runtime.Sessions;

namespace Orrery.Server.Streaming;

/// <summary>
/// The fixed 32-byte little-endian header in front of every binary frame message (docs/api.md):
/// 0 u32 magic "ORF1", 4 u16 header bytes (32), 6 u8 channels, 7 u8 action applied, 8 u16 width, 10 u16 height,
/// 12 f32 step latency ms, 16 u64 frame index, 24 f64 server time (Unix ms); then width*height*channels RGB bytes.
/// </summary>
public readonly record struct FrameHeader(long FrameIndex, int Action, double ServerUnixMs, float StepLatencyMs, int Width, int Height, int Channels)
{
    public const int Size = 32;

    /// <summary>"ORF1" read as a little-endian u32.</summary>
    public const uint Magic = 0x3146524F;

    public static int Encode(FramePacket frame, Span<byte> into)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(into, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(into[4..], Size);
        into[6] = (byte)frame.Channels;
        into[7] = (byte)frame.Action;
        BinaryPrimitives.WriteUInt16LittleEndian(into[8..], (ushort)frame.Width);
        BinaryPrimitives.WriteUInt16LittleEndian(into[10..], (ushort)frame.Height);
        BinaryPrimitives.WriteSingleLittleEndian(into[12..], frame.StepLatencyMs);
        BinaryPrimitives.WriteUInt64LittleEndian(into[16..], (ulong)frame.FrameIndex);
        BinaryPrimitives.WriteDoubleLittleEndian(into[24..], frame.ServerUnixMs);
        frame.Pixels.CopyTo(into[Size..]);
        return Size + frame.Pixels.Length;
    }

    public static FrameHeader Decode(ReadOnlySpan<byte> message)
    {
        if (message.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(message) != Magic)
            throw new FormatException("not an Orrery frame message (magic ORF1 expected)");
        return new FrameHeader(
            (long)BinaryPrimitives.ReadUInt64LittleEndian(message[16..]), message[7],
            BinaryPrimitives.ReadDoubleLittleEndian(message[24..]), BinaryPrimitives.ReadSingleLittleEndian(message[12..]),
            BinaryPrimitives.ReadUInt16LittleEndian(message[8..]), BinaryPrimitives.ReadUInt16LittleEndian(message[10..]), message[6]);
    }
}
