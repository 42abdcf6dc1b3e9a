using System.Runtime.InteropServices;
using Orrery.Core.Errors;

namespace Orrery.Data.Npy;

/// <summary>A whole .npy array in memory: dtype, C-order shape, and the raw little-endian element bytes.</summary>
public sealed record NpyArray(NpyDType DType, IReadOnlyList<long> Shape, byte[] Data)
{
    public static NpyArray Of(byte[] values, params long[] shape) => new(NpyDType.UInt8, shape, values);

    public static NpyArray Of(int[] values, params long[] shape) => new(NpyDType.Int32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static NpyArray Of(long[] values, params long[] shape) => new(NpyDType.Int64, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static NpyArray Of(float[] values, params long[] shape) => new(NpyDType.Float32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static NpyArray Of(double[] values, params long[] shape) => new(NpyDType.Float64, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public byte[] AsUInt8() => DType == NpyDType.UInt8 ? Data : throw WrongType(NpyDType.UInt8);

    public int[] AsInt32() => DType == NpyDType.Int32 ? MemoryMarshal.Cast<byte, int>(Data).ToArray() : throw WrongType(NpyDType.Int32);

    public long[] AsInt64() => DType == NpyDType.Int64 ? MemoryMarshal.Cast<byte, long>(Data).ToArray() : throw WrongType(NpyDType.Int64);

    public float[] AsFloat32() => DType == NpyDType.Float32 ? MemoryMarshal.Cast<byte, float>(Data).ToArray() : throw WrongType(NpyDType.Float32);

    public double[] AsFloat64() => DType == NpyDType.Float64 ? MemoryMarshal.Cast<byte, double>(Data).ToArray() : throw WrongType(NpyDType.Float64);

    private OrreryException WrongType(NpyDType wanted) => new($"array is {DType.Name()}, expected {wanted.Name()}");
}
