using System.Text.Json;
using System.Text.Json.Serialization;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Data.Format;

/// <summary>The dataset's manifest.json (format version 2; version 1 is upgraded on reading); see docs/dataset-format.md.</summary>
public sealed record DatasetManifest
{
    public const int CurrentFormatVersion = 2;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required DatasetEnvironment Env { get; init; }

    /// <summary>The action space; null for action-free (imported) video, whose actions are all unknown.</summary>
    public ActionSpace? ActionSpace { get; init; }

    /// <summary>The per-frame streams every episode carries, one file each, in this order.</summary>
    public IReadOnlyList<StreamSpec> Streams { get; init; } = [];

    public DatasetCounts Counts { get; init; } = new(0, 0);

    public IReadOnlyList<EpisodeEntry> Episodes { get; init; } = [];

    /// <summary>The arguments that made the data; a resumed collect or import must match them field by field.</summary>
    public required IReadOnlyDictionary<string, string> Collect { get; init; }

    /// <summary>sha256 over the episode checksums: names this exact data (e.g. in a checkpoint's manifest).</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The world this data records, as a checkpoint trained on it names it.</summary>
    [JsonIgnore]
    public WorldSpec World => new()
    {
        Environment = Env.Name,
        Parameters = Collect.Where(p => p.Key is "world" or "resolution").ToDictionary(p => p.Key, p => p.Value),
        Fps = Env.Fps,
        Observation = Env.Spec,
        Actions = ActionSpace,
        Streams = Streams,
    };

    /// <summary>Serialisation options shared by the manifest and per-episode metadata: camelCase, indented, stable.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Which environment (or source) made the frames, and their shape and rate.</summary>
public sealed record DatasetEnvironment(string Name, int World, ObservationInfo Observation, int Fps)
{
    public ObservationSpec Spec => new(Observation.Height, Observation.Width, Observation.Channels);
}

/// <summary>Frame shape in the manifest: uint8 HWC.</summary>
public sealed record ObservationInfo(int Height, int Width, int Channels);

/// <summary>Totals over all finished episodes.</summary>
public sealed record DatasetCounts(int Episodes, long Frames);

/// <summary>One finished episode: its length, seed, policy, and its files with sizes and sha256.</summary>
public sealed record EpisodeEntry(int Index, int Frames, int Seed, string Policy, IReadOnlyList<FileEntry> Files);

/// <summary>A file of the dataset, relative to its folder, with its size and sha256 (lower-case hex).</summary>
public sealed record FileEntry(string Path, long Bytes, string Sha256);
