using Orrery.Core.Errors;
using Orrery.Data.Npy;
using Orrery.Data.Tests.TestDoubles;

namespace Orrery.Data.Tests.Npy;

public sealed class NpyFileTests
{
    public static TheoryData<string> DTypes => new() { "u1", "i4", "i8", "f4", "f8" };

    private static NpyArray Sample(string dtype) => dtype switch
    {
        "u1" => NpyArray.Of(Enumerable.Range(0, 24).Select(i => (byte)(i * 10)).ToArray(), 2, 3, 4),
        "i4" => NpyArray.Of(Enumerable.Range(-5, 6).ToArray(), 6),
        "i8" => NpyArray.Of(new[] { long.MinValue, 0, long.MaxValue, 42 }, 2, 2),
        "f4" => NpyArray.Of(new[] { 0.5f, -1.25f, float.MaxValue }, 3),
        _ => NpyArray.Of(new[] { Math.PI, -0.0, 1e300, 2 }, 1, 4),
    };

    [Theory]
    [MemberData(nameof(DTypes))]
    public void Round_trip_keeps_dtype_shape_and_values(string dtype)
    {
        using var dir = new TempDir();
        var array = Sample(dtype);
        NpyFile.Write(dir["a.npy"], array);
        var back = NpyFile.Read(dir["a.npy"]);
        Assert.Equal(array.DType, back.DType);
        Assert.Equal(array.Shape, back.Shape);
        Assert.Equal(array.Data, back.Data);
    }

    [Fact]
    public void Header_is_numpy_format_1_aligned_to_64_bytes()
    {
        var bytes = NpyFile.Encode(NpyArray.Of(new byte[20 * 4], 20, 2, 2));
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", System.Text.Encoding.ASCII.GetString(bytes, 1, 5));
        Assert.Equal(1, bytes[6]);
        var headerEnd = 10 + BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, headerEnd % 64);
        Assert.Equal('\n', (char)bytes[headerEnd - 1]);
        Assert.Contains("'shape': (20, 2, 2)", System.Text.Encoding.Latin1.GetString(bytes, 10, headerEnd - 10));
    }

    [Fact]
    public void Reads_format_2_headers()
    {
        using var dir = new TempDir();
        var v1 = NpyFile.Encode(NpyArray.Of(new[] { 7, 8 }, 2));
        var headerLength = BitConverter.ToUInt16(v1, 8);
        var v2 = new byte[v1.Length + 2];
        v1.AsSpan(0, 8).CopyTo(v2);
        v2[6] = 2;
        BitConverter.GetBytes((uint)headerLength).CopyTo(v2, 8);
        v1.AsSpan(10).CopyTo(v2.AsSpan(12));
        File.WriteAllBytes(dir["v2.npy"], v2);
        Assert.Equal([7, 8], NpyFile.Read(dir["v2.npy"]).AsInt32());
    }

    [Fact]
    public void Truncated_file_names_shape_and_sizes()
    {
        using var dir = new TempDir();
        var bytes = NpyFile.Encode(NpyArray.Of(new byte[20 * 8 * 8 * 3], 20, 8, 8, 3));
        File.WriteAllBytes(dir["t.npy"], bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<OrreryException>(() => NpyFile.Read(dir["t.npy"]));
        Assert.Contains("t.npy: truncated: header says [20,8,8,3] uint8 = 3840 bytes, file has 3740", e.Message);
    }

    [Fact]
    public void Bad_magic_and_unknown_dtype_are_clear_errors()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["x.npy"], "hello world, not numpy"u8.ToArray());
        Assert.Contains("magic", Assert.Throws<OrreryException>(() => NpyFile.Read(dir["x.npy"])).Message);
        var bytes = NpyFile.Encode(NpyArray.Of(new[] { 1, 2 }, 2));
        var text = System.Text.Encoding.Latin1.GetString(bytes).Replace("<i4", ">i4");
        File.WriteAllBytes(dir["be.npy"], System.Text.Encoding.Latin1.GetBytes(text));
        Assert.Contains("'>i4'", Assert.Throws<OrreryException>(() => NpyFile.Read(dir["be.npy"])).Message);
    }

    [Fact]
    public void Mapped_array_reads_slices()
    {
        using var dir = new TempDir();
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        NpyFile.Write(dir["m.npy"], NpyArray.Of(data, 16, 16));
        using var mapped = NpyMappedArray.Open(dir["m.npy"]);
        var buffer = new byte[20];
        mapped.Read(32, buffer, 4, 16);
        Assert.Equal(data[32..48], buffer[4..]);
    }
}
