using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Orrery.Core.Errors;

namespace Orrery.Data.Npy;

/// <summary>The header of a .npy file (format 1.0 or 2.0): dtype, C-order shape, and where the data starts.</summary>
public sealed partial record NpyHeader(NpyDType DType, IReadOnlyList<long> Shape, long DataOffset)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Number of elements (product of the shape; 1 for a scalar).</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    public long DataBytes => Count * DType.Size();

    public string ShapeText => $"[{string.Join(",", Shape)}]";

    /// <summary>Reads and validates the header, and checks that the file holds exactly the data the header announces.</summary>
    public static NpyHeader Read(Stream stream, string file)
    {
        var prefix = new byte[10];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
            throw new OrreryException($"{file}: not a .npy file (the magic bytes \\x93NUMPY are missing)");
        var major = prefix[6];
        int headerLength;
        long offset;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8));
            offset = 10;
        }
        else if (major is 2 or 3)
        {
            var four = new byte[2];
            if (stream.ReadAtLeast(four, 2, throwOnEndOfStream: false) < 2) throw Truncated(file, "header");
            headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian([prefix[8], prefix[9], four[0], four[1]]);
            offset = 12;
        }
        else throw new OrreryException($"{file}: unsupported .npy format version {major}.{prefix[7]}; expected 1.0 or 2.0");
        var text = new byte[headerLength];
        if (stream.ReadAtLeast(text, headerLength, throwOnEndOfStream: false) < headerLength) throw Truncated(file, "header");
        var header = Parse(Encoding.Latin1.GetString(text), file, offset + headerLength);
        if (stream.CanSeek)
        {
            var have = stream.Length - header.DataOffset;
            if (have < header.DataBytes)
                throw new OrreryException($"{file}: truncated: header says {header.ShapeText} {header.DType.Name()} = {header.DataBytes} bytes, file has {have}");
            if (have > header.DataBytes)
                throw new OrreryException($"{file}: {have - header.DataBytes} bytes beyond the data: header says {header.ShapeText} {header.DType.Name()} = {header.DataBytes} bytes, file has {have}");
        }
        return header;
    }

    /// <summary>Reads the header of a file on disk.</summary>
    public static NpyHeader Read(string path)
    {
        using var stream = OpenRead(path);
        return Read(stream, path);
    }

    internal static FileStream OpenRead(string path)
    {
        if (!File.Exists(path)) throw new OrreryException($"{path}: file not found");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    private static NpyHeader Parse(string dict, string file, long dataOffset)
    {
        var descr = DescrPattern().Match(dict);
        var order = OrderPattern().Match(dict);
        var shape = ShapePattern().Match(dict);
        if (!descr.Success || !order.Success || !shape.Success)
            throw new OrreryException($"{file}: malformed .npy header '{dict.Trim()}'; expected keys 'descr', 'fortran_order' and 'shape'");
        if (order.Groups[1].Value == "True")
            throw new OrreryException($"{file}: Fortran-order arrays are not supported; save with np.ascontiguousarray(arr)");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.TryParse(d.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
                : throw new OrreryException($"{file}: malformed shape '({shape.Groups[1].Value})' in the .npy header"))
            .ToArray();
        return new NpyHeader(NpyDTypes.Parse(descr.Groups[1].Value, file), dims, dataOffset);
    }

    /// <summary>Encodes a header, padded so the data starts on a 64-byte boundary; version 2.0 only when the text needs it.</summary>
    public static byte[] Encode(NpyDType dtype, IReadOnlyList<long> shape)
    {
        var dims = shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var dict = $"{{'descr': '{dtype.Descr()}', 'fortran_order': False, 'shape': ({dims}), }}";
        var v1 = dict.Length + 1 + 10 <= ushort.MaxValue;
        var prefix = v1 ? 10 : 12;
        var total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        var padded = dict.PadRight(total - prefix - 1) + "\n";
        var bytes = new byte[total];
        Magic.CopyTo(bytes, 0);
        bytes[6] = (byte)(v1 ? 1 : 2);
        bytes[7] = 0;
        if (v1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)padded.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)padded.Length);
        Encoding.Latin1.GetBytes(padded, bytes.AsSpan(prefix));
        return bytes;
    }

    private static OrreryException Truncated(string file, string part) => new($"{file}: truncated: the .npy {part} ends early");

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
