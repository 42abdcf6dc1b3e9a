using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
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
    public static DatasetWriter Open(string dir, DatasetEnvironment env, ActionSpace? actions, IReadOnlyList<StreamSpec> streams, IReadOnlyDictionary<string, string> args)
    {
        var manifestPath = Path.Combine(dir, EpisodeFiles.ManifestName);
        if (File.Exists(manifestPath))
        {
            var existing = Dataset.ReadManifest(manifestPath);
            Require(manifestPath, "env.name", existing.Env.Name, env.Name);
            Require(manifestPath, "env.world", existing.Env.World, env.World);
            Require(manifestPath, "env.observation", existing.Env.Spec.ToString(), env.Spec.ToString());
            Require(manifestPath, "env.fps", existing.Env.Fps, env.Fps);
            Require(manifestPath, "formatVersion", existing.FormatVersion, DatasetManifest.CurrentFormatVersion);
            Require(manifestPath, "actionSpace", Describe(existing.ActionSpace), Describe(actions));
            Require(manifestPath, "streams", string.Join(",", existing.Streams.Select(Describe)), string.Join(",", streams.Select(Describe)));
            foreach (var key in existing.Collect.Keys.Union(args.Keys).Order(StringComparer.Ordinal))
                Require(manifestPath, $"collect.{key}", existing.Collect.GetValueOrDefault(key), args.GetValueOrDefault(key));
            AtomicFile.SweepStale(dir);
            AtomicFile.SweepStale(Path.Combine(dir, EpisodeFiles.Folder));
            return new DatasetWriter(dir, existing);
        }
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new OrreryException($"{dir}: folder exists and is not empty, but has no {EpisodeFiles.ManifestName}; choose a new --out folder");
        Directory.CreateDirectory(Path.Combine(dir, EpisodeFiles.Folder));
        var writer = new DatasetWriter(dir, new DatasetManifest { Env = env, ActionSpace = actions, Streams = streams, Collect = args });
        writer.WriteManifest();
        return writer;
    }

    /// <summary>
    /// Writes one finished episode (frames (T,H,W,C) uint8, T actions, and for each declared stream T rows of its size),
    /// then the manifest.
    /// </summary>
    public EpisodeEntry Add(int index, int seed, string policy, byte[] frames, IReadOnlyList<ActionVector> actions, IReadOnlyDictionary<string, float[]> streams)
    {
        var spec = manifest.Env.Spec;
        var t = actions.Count;
        if (frames.Length != (long)t * spec.FrameBytes)
            throw new ArgumentException($"episode {index}: {t} actions and {frames.Length} frame bytes do not agree with {spec}");
        if (t > 0 && !actions[0].IsUnknown)
            throw new ArgumentException($"episode {index}: actions[0] must be unknown (no action led to the first frame)");
        for (var i = 1; i < t; i++)
            if (manifest.ActionSpace is { } space) space.Validate(actions[i]);
            else if (!actions[i].IsUnknown) throw new ArgumentException($"episode {index}: action-free data holds action {actions[i]} at frame {i}");
        foreach (var stream in manifest.Streams)
            if (!streams.TryGetValue(stream.Name, out var rows) || rows.Length != (long)t * stream.Size)
                throw new ArgumentException($"episode {index}: stream '{stream.Name}' needs {t}x{stream.Size} values");
        if (Has(index)) throw new InvalidOperationException($"episode {index} is already in the dataset");
        var meta = new EpisodeMetadata(index, manifest.Env.Name, manifest.Env.World, seed, policy, t);
        FileEntry[] files =
        [
            Save(EpisodeFiles.Frames(index), NpyFile.Encode(NpyArray.Of(frames, t, spec.Height, spec.Width, spec.Channels))),
            Save(EpisodeFiles.Actions(index), NpyFile.Encode(ActionsArray(actions))),
            .. manifest.Streams.Select(st => Save(EpisodeFiles.Stream(index, st.Name), NpyFile.Encode(StreamArray(streams[st.Name], t, st.Size)))),
            Save(EpisodeFiles.Metadata(index), JsonSerializer.SerializeToUtf8Bytes(meta, DatasetManifest.Json)),
        ];
        var entry = new EpisodeEntry(index, t, seed, policy, files);
        episodes.Add(entry);
        WriteManifest();
        return entry;
    }

    private NpyArray ActionsArray(IReadOnlyList<ActionVector> actions) =>
        manifest.ActionSpace is BoxActionSpace box
            ? NpyArray.Of(ActionRows.Pack(actions, box.Dimensions), actions.Count, box.Dimensions)
            : NpyArray.Of(ActionFiles.ToIndices(actions), actions.Count);

    // A one-float stream is stored as [T] (as version 1 stored rewards), a wider one as [T, size].
    private static NpyArray StreamArray(float[] rows, int t, int size) => size == 1 ? NpyArray.Of(rows, t) : NpyArray.Of(rows, t, size);

    private static string Describe(ActionSpace? space) => space switch
    {
        null => "none",
        DiscreteActionSpace d => $"discrete({string.Join(",", d.Names)}; noop {d.NoopName})",
        BoxActionSpace b => $"box({string.Join(",", b.Names.Select((n, i) => $"{n}[{b.Low[i]},{b.High[i]}]"))})",
        _ => space.Kind.ToString(),
    };

    private static string Describe(StreamSpec stream) => $"{stream.Name}[{string.Join("|", stream.Fields)}]";

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
