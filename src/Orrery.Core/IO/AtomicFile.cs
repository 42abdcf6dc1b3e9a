namespace Orrery.Core.IO;

/// <summary>Crash-safe writes: write to a temporary file in the same folder, then rename over the target.</summary>
public static class AtomicFile
{
    /// <summary>Writes through a stream; the target appears only when the writer finished without throwing.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

    /// <summary>Replaces a whole folder atomically: builds it beside the target, then renames it into place.</summary>
    public static void WriteDirectory(string path, Action<string> fill)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var old = $"{full}.old-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(tmp);
        try
        {
            fill(tmp);
            if (Directory.Exists(full)) Directory.Move(full, old);
            Directory.Move(tmp, full);
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        }
    }

    /// <summary>
    /// Cleans up after writers that were killed mid-write, in one folder (not below it): deletes their temporary files
    /// and folders, and puts a folder that WriteDirectory had moved aside back in place when its replacement never
    /// arrived. Entries of other processes still running are left alone; call it before writing there yourself.
    /// Returns the paths removed or restored.
    /// </summary>
    public static IReadOnlyList<string> SweepStale(string dir)
    {
        var swept = new List<string>();
        if (!Directory.Exists(dir)) return swept;
        foreach (var path in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToArray())
        {
            var name = Path.GetFileName(path);
            var marker = name.LastIndexOf(".tmp-", StringComparison.Ordinal) is var t and >= 0 ? t : name.LastIndexOf(".old-", StringComparison.Ordinal);
            if (marker <= 0 || WriterIsRunning(name[(marker + 5)..])) continue;
            var target = Path.Combine(dir, name[..marker]);
            var isOld = string.CompareOrdinal(name, marker, ".old-", 0, 5) == 0;
            if (isOld && Directory.Exists(path) && !Directory.Exists(target)) Directory.Move(path, target);
            else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
            swept.Add(path);
        }
        return swept;
    }

    // The temporary names carry the writer's process id: "{pid}-{guid}". Our own id counts as dead: a caller sweeps
    // before it writes there, and a restarted container gives its new process the killed one's id.
    private static bool WriterIsRunning(string suffix)
    {
        var dash = suffix.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(suffix[..dash], out var pid) || pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
