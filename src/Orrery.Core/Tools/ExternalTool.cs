namespace Orrery.Core.Tools;

/// <summary>Programs Orrery calls when present (ffmpeg, chromium), found on PATH, with the command that installs each.</summary>
public sealed record ExternalTool(string Name, string InstallCommand, params string[] ExtraLocations)
{
    public static readonly ExternalTool Ffmpeg = new("ffmpeg", "sudo apt-get install -y ffmpeg");
    public static readonly ExternalTool Chromium = new("chromium", "sudo apt-get install -y chromium", "/usr/bin/chromium");

    /// <summary>Full path of the program, or null when it is not installed.</summary>
    public string? Locate()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return dirs.Select(d => Path.Combine(d, Name)).Concat(ExtraLocations).FirstOrDefault(File.Exists);
    }

    public bool IsPresent => Locate() is not null;
}
