using System.Security.Cryptography;

namespace Orrery.Core.IO;

/// <summary>SHA-256 helpers, lower-case hex, as written to manifests.</summary>
public static class Checksums
{
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
