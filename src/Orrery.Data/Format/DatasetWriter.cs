using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Data.Npy;

namespace Orrery.Data.Format;

/// <summary>
/// Writes a dataset crash-safely: each episode's files atomically, then the manifest atomically, so an
/// interruption leaves every finished episode readable. Opening an existing folder resumes it.
/// </summary>
public sealed class DatasetWriter
{
    private readonly string dir;
    private readonly List<EpisodeEntry> episodes;
    private DatasetManifest manifest;

    private DatasetWriter(string dir, DatasetManifest manifest)
    {
        this.dir = dir;
        this.manifest = manifest;
        episodes = [.. manifest.Episodes];
    }

    /// <summary>The manifest as last written.</summary>
    public DatasetManifest Manifest => manifest;

    /// <summary>Whether the episode is already finished (written and listed in the manifest).</summary>
    public bool Has(int index) => episodes.Any(e => e.Index == index);

    /// <summary>
    /// Creates the dataset, or resumes it when the folder already has a manifest. Resuming requires the same
    /// environment, action space and arguments; a difference is an error naming the field.
    /// </summary>
    public static DatasetWriter Open(string dir, DatasetEnvironment env, ActionSpaceInfo actions, IReadOnlyDictionary<string, string> args)
    {
        var manifestPath = Path.Combine(dir, EpisodeFiles.ManifestName);
        if (File.Exists(manifestPath))
        {
            var existing = Dataset.ReadManifest(manifestPath);
            Require(manifestPath, "env.name", existing.Env.Name, env.Name);
            Require(manifestPath, "env.world", existing.Env.World, env.World);
            Require(manifestPath, "env.observation", existing.Env.Spec.ToString(), env.Spec.ToString());
            Require(manifestPath, "env.fps", existing.Env.Fps, env.Fps);
            Require(manifestPath, "actionSpace.kind", existing.ActionSpace.Kind, actions.Kind);
            Require(manifestPath, "actionSpace.names", string.Join(",", existing.ActionSpace.Names), string.Join(",", actions.Names));
            foreach (var key in existing.Collect.Keys.Union(args.Keys).Order(StringComparer.Ordinal))
                Require(manifestPath, $"collect.{key}", existing.Collect.GetValueOrDefault(key), args.GetValueOrDefault(key));
            return new DatasetWriter(dir, existing);
        }
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new OrreryException($"{dir}: folder exists and is not empty, but has no {EpisodeFiles.ManifestName}; choose a new --out folder");
        Directory.CreateDirectory(Path.Combine(dir, EpisodeFiles.Folder));
        var writer = new DatasetWriter(dir, new DatasetManifest { Env = env, ActionSpace = actions, Collect = args });
        writer.WriteManifest();
        return writer;
    }

    /// <summary>Writes one finished episode (frames (T,H,W,C) uint8, actions (T) int32, rewards (T) float32), then the manifest.</summary>
    public EpisodeEntry Add(int index, int seed, string policy, byte[] frames, int[] actions, float[] rewards)
    {
        var spec = manifest.Env.Spec;
        var t = actions.Length;
        if (frames.Length != (long)t * spec.FrameBytes || rewards.Length != t)
            throw new ArgumentException($"episode {index}: {actions.Length} actions, {rewards.Length} rewards, {frames.Length} frame bytes do not agree with {spec}");
        if (t > 0 && actions[0] != Episode.NoAction)
            throw new ArgumentException($"episode {index}: actions[0] must be {Episode.NoAction} (no action led to the first frame)");
        if (Has(index)) throw new InvalidOperationException($"episode {index} is already in the dataset");
        var meta = new EpisodeMetadata(index, manifest.Env.Name, manifest.Env.World, seed, policy, t);
        var files = new[]
        {
            Save(EpisodeFiles.Frames(index), NpyFile.Encode(NpyArray.Of(frames, t, spec.Height, spec.Width, spec.Channels))),
            Save(EpisodeFiles.Actions(index), NpyFile.Encode(NpyArray.Of(actions, t))),
            Save(EpisodeFiles.Rewards(index), NpyFile.Encode(NpyArray.Of(rewards, t))),
            Save(EpisodeFiles.Metadata(index), JsonSerializer.SerializeToUtf8Bytes(meta, DatasetManifest.Json)),
        };
        var entry = new EpisodeEntry(index, t, seed, policy, files);
        episodes.Add(entry);
        WriteManifest();
        return entry;
    }

    private FileEntry Save(string relative, byte[] bytes)
    {
        AtomicFile.WriteAllBytes(Path.Combine(dir, relative), bytes);
        return new FileEntry(relative, bytes.Length, Checksums.Sha256(bytes));
    }

    private void WriteManifest()
    {
        var ordered = episodes.OrderBy(e => e.Index).ToList();
        manifest = manifest with
        {
            Episodes = ordered,
            Counts = new DatasetCounts(ordered.Count, ordered.Sum(e => (long)e.Frames)),
            Fingerprint = EpisodeFiles.Fingerprint(ordered),
        };
        AtomicFile.WriteAllBytes(Path.Combine(dir, EpisodeFiles.ManifestName), JsonSerializer.SerializeToUtf8Bytes(manifest, DatasetManifest.Json));
    }

    private static void Require<T>(string file, string field, T found, T wanted)
    {
        if (!EqualityComparer<T>.Default.Equals(found, wanted))
            throw new OrreryException($"{file}: cannot resume: {field} is '{found}' in the existing dataset but '{wanted}' now; use the same arguments or a new --out folder");
    }
}
