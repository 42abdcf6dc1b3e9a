using System.Text.Json;
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
    private readonly int[]?[] actions;
    private readonly Lock gate = new();
    private WindowSampler? sampler;

    private Dataset(string dir, DatasetManifest manifest)
    {
        this.dir = dir;
        Manifest = manifest;
        actions = new int[]?[manifest.Episodes.Count];
    }

    public DatasetManifest Manifest { get; }

    public ObservationSpec Spec => Manifest.Env.Spec;

    public int EpisodeCount => Manifest.Episodes.Count;

    public long FrameCount => Manifest.Counts.Frames;

    public IReadOnlyList<string> ActionNames => Manifest.ActionSpace.Names;

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
            return JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllBytes(path), DatasetManifest.Json)
                   ?? throw new OrreryException($"{path}: empty manifest (JSON null)");
        }
        catch (JsonException e)
        {
            throw new OrreryException($"{path}: not a valid manifest: {e.Message}");
        }
    }

    private static void Validate(DatasetManifest m, string path)
    {
        void Check(bool ok, string what)
        {
            if (!ok) throw new OrreryException($"{path}: {what}");
        }
        Check(m.FormatVersion == DatasetManifest.CurrentFormatVersion, $"formatVersion is {m.FormatVersion}, expected {DatasetManifest.CurrentFormatVersion}");
        var o = m.Env.Observation;
        Check(o is { Height: > 0, Width: > 0, Channels: 1 or 3 or 4 }, $"env.observation is {o}, expected positive height/width and 1, 3 or 4 channels");
        Check(m.ActionSpace.Kind is "discrete" or "none", $"actionSpace.kind is '{m.ActionSpace.Kind}', expected 'discrete' or 'none'");
        Check(m.Counts.Episodes == m.Episodes.Count, $"counts.episodes is {m.Counts.Episodes} but {m.Episodes.Count} episodes are listed");
        Check(m.Counts.Frames == m.Episodes.Sum(e => (long)e.Frames), $"counts.frames is {m.Counts.Frames} but the episodes add up to {m.Episodes.Sum(e => (long)e.Frames)}");
        for (var i = 0; i < m.Episodes.Count; i++)
        {
            var e = m.Episodes[i];
            Check(e.Index == i, $"episodes[{i}].index is {e.Index}, expected {i} (episodes are numbered 0..N-1 in order)");
            Check(e.Files is { Count: 4 } && e.Files[0].Path == EpisodeFiles.Frames(i) && e.Files[1].Path == EpisodeFiles.Actions(i)
                  && e.Files[2].Path == EpisodeFiles.Rewards(i) && e.Files[3].Path == EpisodeFiles.Metadata(i),
                $"episodes[{i}].files should list {EpisodeFiles.Frames(i)}, {EpisodeFiles.Actions(i)}, {EpisodeFiles.Rewards(i)}, {EpisodeFiles.Metadata(i)}");
        }
        var fingerprint = EpisodeFiles.Fingerprint(m.Episodes);
        Check(m.Fingerprint == fingerprint, $"fingerprint is '{m.Fingerprint}' but the episode checksums give '{fingerprint}'");
    }

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
        var rewards = NpyFile.Read(Path.Combine(dir, entry.Files[2].Path));
        CheckShape(entry.Files[0].Path, frames.Shape, [entry.Frames, Spec.Height, Spec.Width, Spec.Channels]);
        CheckShape(entry.Files[2].Path, rewards.Shape, [entry.Frames]);
        return new Episode(index, Spec, frames.AsUInt8(), (int[])acts.Clone(), rewards.AsFloat32());
    }

    /// <summary>K frames and actions of one episode, starting at frame start, copied from the memory-mapped frames.</summary>
    public Window ReadWindow(int episode, int start, int length)
    {
        var frames = GC.AllocateUninitializedArray<byte>(length * Spec.FrameBytes);   // every byte is overwritten below
        var acts = new int[length];
        ReadInto(episode, start, length, frames, 0, acts, 0);
        return new Window(episode, start, frames, acts);
    }

    private void ReadInto(int episode, int start, int length, byte[] frames, int frameOffset, int[] acts, int actionOffset)
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
    public void SampleBatch(Random rng, int batch, int length, byte[] frames, int[] actions)
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

    private int[] ReadActions(int index)
    {
        if (Volatile.Read(ref actions[index]) is { } cached) return cached;
        var entry = Entry(index);
        var array = NpyFile.Read(Path.Combine(dir, entry.Files[1].Path));
        CheckShape(entry.Files[1].Path, array.Shape, [entry.Frames]);
        var values = array.AsInt32();
        Volatile.Write(ref actions[index], values);
        return values;
    }

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
