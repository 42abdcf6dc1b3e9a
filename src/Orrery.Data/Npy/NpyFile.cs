using Orrery.Core.Errors;
using Orrery.Core.IO;

namespace Orrery.Data.Npy;

/// <summary>Reads and writes numpy .npy files (format 1.0/2.0, C order, little-endian |u1 &lt;i4 &lt;i8 &lt;f4 &lt;f8).</summary>
public static class NpyFile
{
    /// <summary>The bytes of a complete .npy file for the array.</summary>
    public static byte[] Encode(NpyArray array)
    {
        var expected = array.Shape.Aggregate(1L, (a, b) => a * b) * array.DType.Size();
        if (expected != array.Data.Length)
            throw new ArgumentException($"shape [{string.Join(",", array.Shape)}] {array.DType.Name()} needs {expected} bytes, data has {array.Data.Length}");
        var header = NpyHeader.Encode(array.DType, array.Shape);
        var bytes = new byte[header.Length + array.Data.Length];
        header.CopyTo(bytes, 0);
        array.Data.CopyTo(bytes, header.Length);
        return bytes;
    }

    /// <summary>Writes the array crash-safely (temporary file, then rename).</summary>
    public static void Write(string path, NpyArray array) => AtomicFile.WriteAllBytes(path, Encode(array));

    /// <summary>Reads a whole array, validating magic, header, dtype and that the file length matches the shape.</summary>
    public static NpyArray Read(string path)
    {
        using var stream = NpyHeader.OpenRead(path);
        var header = NpyHeader.Read(stream, path);
        if (header.DataBytes > Array.MaxLength)
            throw new OrreryException($"{path}: {header.DataBytes} bytes is too large to load at once; use NpyMappedArray");
        var data = new byte[header.DataBytes];
        stream.ReadExactly(data);
        return new NpyArray(header.DType, header.Shape, data);
    }
}
