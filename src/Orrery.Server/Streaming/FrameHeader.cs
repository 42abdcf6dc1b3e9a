using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Runtime.Sessions;

namespace Orrery.Server.Streaming;

/// <summary>
/// Every binary frame message (docs/api.md): a fixed 36-byte little-endian header, the pixels, then a UTF-8 JSON
/// trailer with the action that produced the frame and the frame's streams. Header: 0 u32 magic "ORF2", 4 u16 header
/// bytes (36), 6 u8 channels, 7 u8 reserved, 8 u16 width, 10 u16 height, 12 f32 step latency ms, 16 u64 frame index,
/// 24 f64 server time (Unix ms), 32 u32 trailer bytes; then width*height*channels bytes (HWC); then the trailer
/// {"action": [numbers] or null, "streams": {"state": [...], ...}}.
/// </summary>
public readonly record struct FrameHeader(long FrameIndex, double ServerUnixMs, float StepLatencyMs, int Width, int Height, int Channels, int TrailerBytes)
{
    public const int Size = 36;

    /// <summary>"ORF2" read as a little-endian u32.</summary>
    public const uint Magic = 0x3246524F;

    /// <summary>The trailer of one frame: the action that produced it and its streams.</summary>
    public sealed record Trailer(ActionVector Action, StreamValues Streams);

    // A model's stream head may predict NaN or infinity; written as "NaN"/"Infinity" the frame still goes out.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The trailer's bytes for a frame (encode once, then size the message).</summary>
    public static byte[] EncodeTrailer(FramePacket frame) => JsonSerializer.SerializeToUtf8Bytes(new Trailer(frame.Action, frame.Streams), Json);

    /// <summary>Writes header, pixels and trailer into <paramref name="into"/>; returns the message length.</summary>
    public static int Encode(FramePacket frame, ReadOnlySpan<byte> trailer, Span<byte> into)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(into, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(into[4..], Size);
        into[6] = (byte)frame.Channels;
        into[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(into[8..], (ushort)frame.Width);
        BinaryPrimitives.WriteUInt16LittleEndian(into[10..], (ushort)frame.Height);
        BinaryPrimitives.WriteSingleLittleEndian(into[12..], frame.StepLatencyMs);
        BinaryPrimitives.WriteUInt64LittleEndian(into[16..], (ulong)frame.FrameIndex);
        BinaryPrimitives.WriteDoubleLittleEndian(into[24..], frame.ServerUnixMs);
        BinaryPrimitives.WriteUInt32LittleEndian(into[32..], (uint)trailer.Length);
        frame.Pixels.CopyTo(into[Size..]);
        trailer.CopyTo(into[(Size + frame.Pixels.Length)..]);
        return Size + frame.Pixels.Length + trailer.Length;
    }

    public static FrameHeader Decode(ReadOnlySpan<byte> message)
    {
        if (message.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(message) != Magic)
            throw new FormatException("not an Orrery frame message (magic ORF2 expected)");
        return new FrameHeader(
            (long)BinaryPrimitives.ReadUInt64LittleEndian(message[16..]), BinaryPrimitives.ReadDoubleLittleEndian(message[24..]),
            BinaryPrimitives.ReadSingleLittleEndian(message[12..]), BinaryPrimitives.ReadUInt16LittleEndian(message[8..]),
            BinaryPrimitives.ReadUInt16LittleEndian(message[10..]), message[6], (int)BinaryPrimitives.ReadUInt32LittleEndian(message[32..]));
    }

    /// <summary>Reads the trailer of a message whose header is this one.</summary>
    public Trailer ReadTrailer(ReadOnlySpan<byte> message) =>
        JsonSerializer.Deserialize<Trailer>(message.Slice(Size + Width * Height * Channels, TrailerBytes), Json)
        ?? throw new FormatException("frame message: empty trailer");
}
