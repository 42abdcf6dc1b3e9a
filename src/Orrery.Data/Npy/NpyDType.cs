using Orrery.Core.Errors;

namespace Orrery.Data.Npy;

/// <summary>The element types Orrery reads and writes in .npy files (little-endian, as numpy writes on x86 and ARM).</summary>
public enum NpyDType
{
    UInt8,
    Int32,
    Int64,
    Float32,
    Float64,
}

/// <summary>Maps <see cref="NpyDType"/> to numpy's descr strings and element sizes.</summary>
public static class NpyDTypes
{
    public static string Descr(this NpyDType t) => t switch
    {
        NpyDType.UInt8 => "|u1",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>numpy's name for the type, as users know it from `arr.dtype`.</summary>
    public static string Name(this NpyDType t) => t switch
    {
        NpyDType.UInt8 => "uint8",
        NpyDType.Int32 => "int32",
        NpyDType.Int64 => "int64",
        NpyDType.Float32 => "float32",
        NpyDType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static int Size(this NpyDType t) => t switch
    {
        NpyDType.UInt8 => 1,
        NpyDType.Int32 or NpyDType.Float32 => 4,
        _ => 8,
    };

    /// <summary>Parses a descr; '=' and '|' byte orders are accepted where they mean little-endian here, '>' is refused.</summary>
    public static NpyDType Parse(string descr, string file) => descr switch
    {
        "|u1" or "<u1" or "=u1" => NpyDType.UInt8,
        "<i4" or "=i4" => NpyDType.Int32,
        "<i8" or "=i8" => NpyDType.Int64,
        "<f4" or "=f4" => NpyDType.Float32,
        "<f8" or "=f8" => NpyDType.Float64,
        _ => throw new OrreryException($"{file}: unsupported dtype '{descr}'; expected one of |u1 <i4 <i8 <f4 <f8 (little-endian)"),
    };
}
