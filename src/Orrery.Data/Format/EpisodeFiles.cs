using System.Text;
using Orrery.Core.IO;

namespace Orrery.Data.Format;

/// <summary>Where an episode's files live inside a dataset folder: episodes/000000.frames.npy and its siblings.</summary>
public static class EpisodeFiles
{
    public const string Folder = "episodes";
    public const string ManifestName = "manifest.json";

    public static string Frames(int index) => $"{Folder}/{index:D6}.frames.npy";

    public static string Actions(int index) => $"{Folder}/{index:D6}.actions.npy";

    public static string Rewards(int index) => $"{Folder}/{index:D6}.rewards.npy";

    public static string Metadata(int index) => $"{Folder}/{index:D6}.json";

    /// <summary>The dataset fingerprint: sha256 of the lines "PATH  SHA256\n" (sha256sum style) of every episode file, in manifest order.</summary>
    public static string Fingerprint(IEnumerable<EpisodeEntry> episodes) =>
        Checksums.Sha256(Encoding.UTF8.GetBytes(string.Concat(
            episodes.OrderBy(e => e.Index).SelectMany(e => e.Files).Select(f => $"{f.Path}  {f.Sha256}\n"))));
}
