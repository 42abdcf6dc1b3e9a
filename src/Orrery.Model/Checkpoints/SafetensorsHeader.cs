using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Orrery.Core.Errors;

namespace Orrery.Model.Checkpoints;

/// <summary>One tensor's entry in a safetensors header.</summary>
public sealed record SafetensorsEntry(string Name, string DType, long[] Shape, long Begin, long End);

/// <summary>
/// The header of a safetensors file (8-byte little-endian length, JSON, then raw little-endian data), parsed and
/// checked against the file's size so that a truncated or garbled file is named precisely.
/// </summary>
public sealed record SafetensorsHeader(IReadOnlyDictionary<string, SafetensorsEntry> Entries, long DataStart)
{
    /// <summary>Parses the header from the first bytes of a file of fileLength bytes (path is used in messages).</summary>
    public static SafetensorsHeader Parse(ReadOnlySpan<byte> file, string path, long fileLength)
    {
        if (fileLength < 8 || file.Length < 8) throw new OrreryException($"{path}: truncated: {fileLength} bytes, not even a header length");
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(file);
        if (headerLength <= 0 || headerLength > fileLength - 8 || headerLength > file.Length - 8)
            throw new OrreryException($"{path}: truncated or not safetensors: header length {headerLength}, file has {fileLength} bytes");
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        long dataEnd = 0;
        try
        {
            using var doc = JsonDocument.Parse(file.Slice(8, (int)headerLength).ToArray());
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__") continue;
                var dtype = prop.Value.GetProperty("dtype").GetString() ?? "";
                var shape = prop.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = prop.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
                    throw new OrreryException($"{path}: tensor {prop.Name} has invalid data_offsets");
                entries[prop.Name] = new SafetensorsEntry(prop.Name, dtype, shape, offsets[0], offsets[1]);
                dataEnd = Math.Max(dataEnd, offsets[1]);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new OrreryException($"{path}: header is not valid safetensors JSON: {e.Message.Split('\n')[0]}");
        }
        var available = fileLength - 8 - headerLength;
        if (dataEnd > available)
            throw new OrreryException($"{path}: truncated: the header needs {dataEnd} bytes of tensor data, the file has {available}");
        return new SafetensorsHeader(entries, 8 + headerLength);
    }

    /// <summary>Serialises a header for tensors laid out in the given order with their byte sizes.</summary>
    public static byte[] Build(IEnumerable<(string Name, string DType, long[] Shape, long Bytes)> tensors)
    {
        var sb = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        foreach (var (name, dtype, shape, bytes) in tensors)
        {
            sb.Append(',').Append(JsonSerializer.Serialize(name)).Append(":{\"dtype\":\"").Append(dtype).Append("\",\"shape\":[")
              .Append(string.Join(',', shape)).Append("],\"data_offsets\":[").Append(offset).Append(',').Append(offset + bytes).Append("]}");
            offset += bytes;
        }
        sb.Append('}');
        while ((sb.Length + 8) % 8 != 0) sb.Append(' ');   // the format recommends 8-byte alignment of the data
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
