using System.Globalization;

namespace Orrery.Data.LeRobot;

/// <summary>
/// Where a LeRobot v3.0 dataset keeps its files and what its standard columns are called, as huggingface/lerobot
/// defines them (src/lerobot/datasets/utils.py: DEFAULT_DATA_PATH, DEFAULT_VIDEO_PATH, DEFAULT_FEATURES).
/// </summary>
public static class LeRobotLayout
{
    public const string CodebaseVersion = "v3.0";
    public const int MajorVersion = 3;

    public const string InfoPath = "meta/info.json";
    public const string StatsPath = "meta/stats.json";
    public const string TasksPath = "meta/tasks.parquet";

    /// <summary>Orrery's own sidecar: what LeRobot's schema cannot say (box bounds, action names, stream units, seeds). LeRobot ignores it.</summary>
    public const string OrreryPath = "meta/orrery.json";

    public const string DataPathTemplate = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";
    public const string VideoPathTemplate = "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4";
    public const string EpisodesPathTemplate = "meta/episodes/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";

    /// <summary>LeRobot's defaults: at most 1000 files per chunk folder, 100 MB per data file, 500 MB per video file.</summary>
    public const int ChunksSize = 1000;
    public const int DataFilesSizeInMb = 100;
    public const int VideoFilesSizeInMb = 500;

    public const string Timestamp = "timestamp";
    public const string FrameIndex = "frame_index";
    public const string EpisodeIndex = "episode_index";
    public const string Index = "index";
    public const string TaskIndex = "task_index";

    public const string Image = "observation.image";
    public const string State = "observation.state";
    public const string Action = "action";
    public const string NextReward = "next.reward";
    public const string NextSuccess = "next.success";
    public const string NextDone = "next.done";

    /// <summary>Columns for Orrery streams other than state, reward and success: observation.NAME.</summary>
    public const string ObservationPrefix = "observation.";

    public static string DataFile(int chunk, int file) => Fill(DataPathTemplate, "", chunk, file);

    public static string EpisodesFile(int chunk, int file) => Fill(EpisodesPathTemplate, "", chunk, file);

    public static string VideoFile(string videoKey, int chunk, int file) => Fill(VideoPathTemplate, videoKey, chunk, file);

    /// <summary>Expands one of the Python format templates of info.json (only the three fields LeRobot uses).</summary>
    public static string Fill(string template, string videoKey, long chunk, long file) => template
        .Replace("{video_key}", videoKey, StringComparison.Ordinal)
        .Replace("{chunk_index:03d}", chunk.ToString("D3", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{file_index:03d}", file.ToString("D3", CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
