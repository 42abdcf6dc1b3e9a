using System.Reflection;

namespace Orrery.Core.Versioning;

/// <summary>Which code built this binary: the git commit stamped at build time, and the pinned native versions.</summary>
public static class CodeVersion
{
    private static readonly Assembly Self = typeof(CodeVersion).Assembly;

    /// <summary>Git commit (with "+dirty" when the tree had changes), or "unknown" outside a git checkout.</summary>
    public static string GitCommit => Metadata("GitCommit") ?? "unknown";

    /// <summary>The libtorch version pinned in Directory.Packages.props.</summary>
    public static string LibTorch => Metadata("LibTorchVersion") ?? "unknown";

    /// <summary>The TorchSharp version pinned in Directory.Packages.props.</summary>
    public static string TorchSharp => Metadata("TorchSharpVersion") ?? "unknown";

    private static string? Metadata(string key) =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } v ? v : null;
}
