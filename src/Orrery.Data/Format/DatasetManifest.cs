using System.Text.Json;
using System.Text.Json.Serialization;
using Orrery.Core.Spaces;

namespace Orrery.Data.Format;

/// <summary>The dataset's manifest.json (format version 1); see docs/dataset-format.md for every field.</summary>
public sealed record DatasetManifest
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required DatasetEnvironment Env { get; init; }

    public required ActionSpaceInfo ActionSpace { get; init; }

    public DatasetCounts Counts { get; init; } = new(0, 0);

    public IReadOnlyList<EpisodeEntry> Episodes { get; init; } = [];

    /// <summary>The arguments that made the data; a resumed collect or import must match them field by field.</summary>
    public required IReadOnlyDictionary<string, string> Collect { get; init; }

    /// <summary>sha256 over the episode checksums: names this exact data (e.g. in a checkpoint's manifest).</summary>
    public string Fingerprint { get; init; } = "";

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

/// <summary>Action space in the manifest: kind "discrete" with names, or "none" (imported video) with no names.</summary>
public sealed record ActionSpaceInfo(string Kind, IReadOnlyList<string> Names)
{
    public static ActionSpaceInfo None { get; } = new("none", []);
}

/// <summary>Totals over all finished episodes.</summary>
public sealed record DatasetCounts(int Episodes, long Frames);

/// <summary>One finished episode: its length, seed, policy, and its files with sizes and sha256.</summary>
public sealed record EpisodeEntry(int Index, int Frames, int Seed, string Policy, IReadOnlyList<FileEntry> Files);

/// <summary>A file of the dataset, relative to its folder, with its size and sha256 (lower-case hex).</summary>
public sealed record FileEntry(string Path, long Bytes, string Sha256);
