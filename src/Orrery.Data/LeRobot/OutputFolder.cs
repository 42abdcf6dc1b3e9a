using Orrery.Core.Errors;

namespace Orrery.Data.LeRobot;

/// <summary>An export or import creates its folder; it never writes into (or replaces) one that holds something.</summary>
internal static class OutputFolder
{
    public static void RequireNew(string dir)
    {
        if (File.Exists(dir) || (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any()))
            throw new OrreryException($"{dir}: already exists and is not empty; choose a new --out folder");
    }
}
