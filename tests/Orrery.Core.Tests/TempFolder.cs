namespace Orrery.Core.Tests;

/// <summary>A fresh temporary folder per test, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"orrery-core-{Guid.NewGuid():N}");

    public TempFolder() => Directory.CreateDirectory(Path);

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Every entry (file or folder) directly inside this folder, or inside <paramref name="folder"/>, by name, sorted.</summary>
    public string[] Entries(string? folder = null) =>
        Directory.EnumerateFileSystemEntries(folder ?? Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
