using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orrery.Data.LeRobot;

/// <summary>
/// meta/info.json of a LeRobot v3.0 dataset, field for field as lerobot's DatasetInfo (src/lerobot/datasets/utils.py)
/// writes it: version, counts, chunking limits, fps, splits, path templates and the features.
/// </summary>
public sealed record LeRobotInfo
{
    public required string CodebaseVersion { get; init; }

    public string? RobotType { get; init; }

    public long TotalEpisodes { get; init; }

    public long TotalFrames { get; init; }

    public long TotalTasks { get; init; }

    public int ChunksSize { get; init; } = LeRobotLayout.ChunksSize;

    public int DataFilesSizeInMb { get; init; } = LeRobotLayout.DataFilesSizeInMb;

    public int VideoFilesSizeInMb { get; init; } = LeRobotLayout.VideoFilesSizeInMb;

    public required int Fps { get; init; }

    public IReadOnlyDictionary<string, string> Splits { get; init; } = new Dictionary<string, string>();

    public string DataPath { get; init; } = LeRobotLayout.DataPathTemplate;

    public string? VideoPath { get; init; } = LeRobotLayout.VideoPathTemplate;

    public required IReadOnlyDictionary<string, LeRobotFeature> Features { get; init; }

    /// <summary>snake_case keys, indented like lerobot's json.dump(indent=4) output (indent width aside).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
