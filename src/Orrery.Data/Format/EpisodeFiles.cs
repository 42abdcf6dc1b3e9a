using System.Text;
using Orrery.Core.IO;

namespace Orrery.Data.Format;

/// <summary>Where an episode's files live inside a dataset folder: frames, actions, one file per stream, metadata.</summary>
public static class EpisodeFiles
{
    public const string Folder = "episodes";
    public const string ManifestName = "manifest.json";

    public static string Frames(int index) => $"{Folder}/{index:D6}.frames.npy";

    public static string Actions(int index) => $"{Folder}/{index:D6}.actions.npy";

    /// <summary>Stream <paramref name="name"/> of an episode; version 1 datasets keep their reward stream in the rewards file.</summary>
    public static string Stream(int index, string name, int formatVersion = DatasetManifest.CurrentFormatVersion) =>
        formatVersion == 1 ? $"{Folder}/{index:D6}.rewards.npy" : $"{Folder}/{index:D6}.{name}.npy";

    public static string Metadata(int index) => $"{Folder}/{index:D6}.json";

    /// <summary>The dataset fingerprint: sha256 of the lines "PATH  SHA256\n" (sha256sum style) of every episode file, in manifest order.</summary>
    public static string Fingerprint(IEnumerable<EpisodeEntry> episodes) =>
        Checksums.Sha256(Encoding.UTF8.GetBytes(string.Concat(
            episodes.OrderBy(e => e.Index).SelectMany(e => e.Files).Select(f => $"{f.Path}  {f.Sha256}\n"))));
}
