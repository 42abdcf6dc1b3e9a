using System.Text.Json;
using System.Text.Json.Nodes;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Data.Npy;
using Orrery.Data.Sampling;

namespace Orrery.Data.Format;

/// <summary>
/// A dataset folder opened for reading: validated manifest, whole episodes on demand, and random windows
/// copied straight from memory-mapped frame files. Thread-safe.
/// </summary>
public sealed class Dataset : IDisposable
{
    // Bounds the open memory maps (and file handles) for datasets with many thousands of short episodes.
    private const int MaxOpenMaps = 512;

    private readonly string dir;
    private readonly Dictionary<int, NpyMappedArray> maps = [];
    private readonly ActionVector[]?[] actions;
    private readonly Lock gate = new();
    private WindowSampler? sampler;

    private Dataset(string dir, DatasetManifest manifest)
    {
        this.dir = dir;
        Manifest = manifest;
        actions = new ActionVector[]?[manifest.Episodes.Count];
    }

    public DatasetManifest Manifest { get; }

    public ObservationSpec Spec => Manifest.Env.Spec;

    public int EpisodeCount => Manifest.Episodes.Count;

    public long FrameCount => Manifest.Counts.Frames;

    /// <summary>The action space; null for action-free video.</summary>
    public ActionSpace? ActionSpace => Manifest.ActionSpace;

    /// <summary>Names of the actions (discrete) or dimensions (box); empty for action-free video.</summary>
    public IReadOnlyList<string> ActionNames => Manifest.ActionSpace?.Names ?? [];

    public string Fingerprint => Manifest.Fingerprint;

    public string Directory => dir;

    /// <summary>Opens and validates a dataset: manifest fields, and that every listed file exists with the listed size.</summary>
    public static Dataset Open(string dir)
    {
        if (!System.IO.Directory.Exists(dir)) throw new OrreryException($"{dir}: dataset folder not found");
        var manifestPath = Path.Combine(dir, EpisodeFiles.ManifestName);
        var manifest = ReadManifest(manifestPath);
        Validate(manifest, manifestPath);
        foreach (var file in manifest.Episodes.SelectMany(e => e.Files))
        {
            var path = Path.Combine(dir, file.Path);
            if (!File.Exists(path)) throw new OrreryException($"{path}: missing (listed in {manifestPath})");
            var size = new FileInfo(path).Length;
            if (size != file.Bytes) throw new OrreryException($"{path}: wrong size: manifest says {file.Bytes} bytes, file has {size}");
        }
        return new Dataset(dir, manifest);
    }

    /// <summary>Reads manifest.json; a missing file or bad JSON is an error naming the file.</summary>
    public static DatasetManifest ReadManifest(string path)
    {
        if (!File.Exists(path)) throw new OrreryException($"{path}: not found; is this a dataset folder (made by `orrery collect` or `orrery dataset import`)?");
        try
        {
            var node = JsonNode.Parse(File.ReadAllBytes(path)) ?? throw new OrreryException($"{path}: empty manifest (JSON null)");
            return ManifestUpgrade.Upgrade(node).Deserialize<DatasetManifest>(DatasetManifest.Json)
                   ?? throw new OrreryException($"{path}: empty manifest (JSON null)");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new OrreryException($"{path}: not a valid manifest: {e.Message}");
        }
        catch (OrreryException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new OrreryException($"{path}: {e.Message}");
        }
    }

    private static void Validate(DatasetManifest m, string path)
    {
        void Check(bool ok, string what)
        {
            if (!ok) throw new OrreryException($"{path}: {what}");
        }
        Check(m.FormatVersion is 1 or DatasetManifest.CurrentFormatVersion, $"formatVersion is {m.FormatVersion}, expected 1 or {DatasetManifest.CurrentFormatVersion}");
        var o = m.Env.Observation;
        Check(o is { Height: > 0, Width: > 0, Channels: 1 or 3 or 4 }, $"env.observation is {o}, expected positive height/width and 1, 3 or 4 channels");
        Check(m.Streams.Select(st => st.Name).Distinct().Count() == m.Streams.Count && m.Streams.All(st => st.Size > 0 && st.Name.Length > 0 && !st.Name.Contains('/')),
            $"streams [{string.Join(", ", m.Streams.Select(st => st.Name))}] must have distinct non-empty names and at least one field each");
        Check(m.Counts.Episodes == m.Episodes.Count, $"counts.episodes is {m.Counts.Episodes} but {m.Episodes.Count} episodes are listed");
        Check(m.Counts.Frames == m.Episodes.Sum(e => (long)e.Frames), $"counts.frames is {m.Counts.Frames} but the episodes add up to {m.Episodes.Sum(e => (long)e.Frames)}");
        for (var i = 0; i < m.Episodes.Count; i++)
        {
            var e = m.Episodes[i];
            Check(e.Index == i, $"episodes[{i}].index is {e.Index}, expected {i} (episodes are numbered 0..N-1 in order)");
            var expected = ExpectedFiles(m, i);
            Check(e.Files.Select(f => f.Path).SequenceEqual(expected), $"episodes[{i}].files should list {string.Join(", ", expected)}");
        }
        var fingerprint = EpisodeFiles.Fingerprint(m.Episodes);
        Check(m.Fingerprint == fingerprint, $"fingerprint is '{m.Fingerprint}' but the episode checksums give '{fingerprint}'");
    }

    /// <summary>An episode's files in manifest order: frames, actions, one per stream, metadata.</summary>
    private static string[] ExpectedFiles(DatasetManifest m, int i) =>
        [EpisodeFiles.Frames(i), EpisodeFiles.Actions(i), .. m.Streams.Select(st => EpisodeFiles.Stream(i, st.Name, m.FormatVersion)), EpisodeFiles.Metadata(i)];

    /// <summary>Re-hashes every file against the manifest; a mismatch is an error naming the file.</summary>
    public void Verify()
    {
        foreach (var file in Manifest.Episodes.SelectMany(e => e.Files))
        {
            var path = Path.Combine(dir, file.Path);
            var sha = Checksums.Sha256File(path);
            if (sha != file.Sha256) throw new OrreryException($"{path}: checksum mismatch: manifest says sha256 {file.Sha256}, file has {sha}");
        }
    }

    /// <summary>Reads a whole episode into memory.</summary>
    public Episode ReadEpisode(int index)
    {
        var entry = Entry(index);
        var frames = NpyFile.Read(Path.Combine(dir, entry.Files[0].Path));
        var acts = ReadActions(index);
        CheckShape(entry.Files[0].Path, frames.Shape, [entry.Frames, Spec.Height, Spec.Width, Spec.Channels]);
        var streams = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var k = 0; k < Manifest.Streams.Count; k++)
        {
            var stream = Manifest.Streams[k];
            var file = entry.Files[2 + k].Path;
            var values = NpyFile.Read(Path.Combine(dir, file));
            CheckShape(file, values.Shape, StreamShape(entry.Frames, stream.Size));
            streams[stream.Name] = values.AsFloat32();
        }
        return new Episode(index, Spec, frames.AsUInt8(), (ActionVector[])acts.Clone(), streams);
    }

    /// <summary>K frames and actions of one episode, starting at frame start, copied from the memory-mapped frames.</summary>
    public Window ReadWindow(int episode, int start, int length)
    {
        var frames = GC.AllocateUninitializedArray<byte>(length * Spec.FrameBytes);   // every byte is overwritten below
        var acts = new ActionVector[length];
        ReadInto(episode, start, length, frames, 0, acts, 0);
        return new Window(episode, start, frames, acts);
    }

    private void ReadInto(int episode, int start, int length, byte[] frames, int frameOffset, ActionVector[] acts, int actionOffset)
    {
        var entry = Entry(episode);
        if (length <= 0 || start < 0 || start + length > entry.Frames)
            throw new OrreryException($"episode {episode} has {entry.Frames} frames; window [{start}, {start + length}) does not fit");
        var frameBytes = Spec.FrameBytes;
        lock (gate)
        {
            Map(episode, entry).Read((long)start * frameBytes, frames, frameOffset, length * frameBytes);
        }
        Array.Copy(ReadActions(episode), start, acts, actionOffset, length);
    }

    /// <summary>
    /// A window drawn uniformly over all valid (episode, start) positions; episodes shorter than the
    /// window are skipped. Deterministic given the Random's state.
    /// </summary>
    public Window SampleWindow(Random rng, int length)
    {
        var (episode, start) = Pick(rng, length);
        return ReadWindow(episode, start, length);
    }

    /// <summary>
    /// Fills a training batch without allocating: frames (B,K,H,W,C) uint8 and actions (B,K), drawing the
    /// same windows, in the same order, as <paramref name="batch"/> calls of <see cref="SampleWindow"/>.
    /// </summary>
    public void SampleBatch(Random rng, int batch, int length, byte[] frames, ActionVector[] actions)
    {
        var windowBytes = length * Spec.FrameBytes;
        if (frames.Length != (long)batch * windowBytes || actions.Length != batch * length)
            throw new ArgumentException($"buffers must hold {batch}x{length} frames ({(long)batch * windowBytes} bytes) and {batch * length} actions");
        for (var b = 0; b < batch; b++)
        {
            var (episode, start) = Pick(rng, length);
            ReadInto(episode, start, length, frames, b * windowBytes, actions, b * length);
        }
    }

    private (int Episode, int Start) Pick(Random rng, int length) => Sampler(length).Sample(rng);

    private WindowSampler Sampler(int length)
    {
        lock (gate)
        {
            if (sampler is { } s && s.Length == length) return s;
            var next = new WindowSampler(Manifest.Episodes.Select(e => e.Frames).ToArray(), length);
            if (next.Count == 0)
                throw new OrreryException($"{dir}: no episode has {length} frames for a window (longest has {Manifest.Episodes.Select(e => e.Frames).DefaultIfEmpty(0).Max()}); use a shorter window or longer episodes");
            return sampler = next;
        }
    }

    private EpisodeEntry Entry(int index) =>
        index >= 0 && index < Manifest.Episodes.Count
            ? Manifest.Episodes[index]
            : throw new OrreryException($"{dir}: episode {index} does not exist; the dataset has {Manifest.Episodes.Count} (0..{Manifest.Episodes.Count - 1})");

    private ActionVector[] ReadActions(int index)
    {
        if (Volatile.Read(ref actions[index]) is { } cached) return cached;
        var entry = Entry(index);
        var file = entry.Files[1].Path;
        var array = NpyFile.Read(Path.Combine(dir, file));
        ActionVector[] values;
        if (Manifest.ActionSpace is BoxActionSpace box)
        {
            CheckShape(file, array.Shape, [entry.Frames, box.Dimensions]);
            values = ActionRows.Unpack(array.AsFloat32(), box.Dimensions);
        }
        else
        {
            CheckShape(file, array.Shape, [entry.Frames]);
            values = ActionFiles.FromIndices(array.AsInt32());
        }
        Volatile.Write(ref actions[index], values);
        return values;
    }

    private static long[] StreamShape(int frames, int size) => size == 1 ? [frames] : [frames, size];

    private NpyMappedArray Map(int index, EpisodeEntry entry)
    {
        if (maps.TryGetValue(index, out var map)) return map;
        if (maps.Count >= MaxOpenMaps)
        {
            foreach (var m in maps.Values) m.Dispose();
            maps.Clear();
        }
        map = NpyMappedArray.Open(Path.Combine(dir, entry.Files[0].Path));
        CheckShape(entry.Files[0].Path, map.Header.Shape, [entry.Frames, Spec.Height, Spec.Width, Spec.Channels]);
        maps[index] = map;
        return map;
    }

    private void CheckShape(string file, IReadOnlyList<long> found, long[] expected)
    {
        if (!found.SequenceEqual(expected))
            throw new OrreryException($"{Path.Combine(dir, file)}: shape [{string.Join(",", found)}] does not match the manifest's [{string.Join(",", expected)}]");
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var m in maps.Values) m.Dispose();
            maps.Clear();
        }
    }
}
