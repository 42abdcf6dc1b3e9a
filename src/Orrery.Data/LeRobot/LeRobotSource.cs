using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orrery.Core.Errors;
using Orrery.Data.Format;

namespace Orrery.Data.LeRobot;

/// <summary>
/// A LeRobot dataset folder opened for reading: info.json (version checked), the episode table, and Orrery's
/// provenance sidecar when the folder came from an Orrery export. Every problem is one line naming the file.
/// </summary>
public sealed class LeRobotSource
{
    private LeRobotSource(string folder, LeRobotInfo info, string videoKey, IReadOnlyList<LeRobotEpisode> episodes, LeRobotProvenance? provenance)
    {
        Folder = folder;
        Info = info;
        VideoKey = videoKey;
        Episodes = episodes;
        Provenance = provenance;
    }

    public string Folder { get; }

    public LeRobotInfo Info { get; }

    /// <summary>The camera whose frames become the Orrery frames: observation.image, else the first video feature.</summary>
    public string VideoKey { get; }

    /// <summary>Episodes in episode_index order.</summary>
    public IReadOnlyList<LeRobotEpisode> Episodes { get; }

    public LeRobotProvenance? Provenance { get; }

    public string InfoFile => Path.Combine(Folder, LeRobotLayout.InfoPath);

    public LeRobotFeature Feature(string key) => Info.Features[key];

    public static LeRobotSource Open(string folder)
    {
        if (!Directory.Exists(folder)) throw new OrreryException($"{folder}: folder not found");
        var info = ReadInfo(Path.Combine(folder, LeRobotLayout.InfoPath));
        var videoKey = VideoKeyOf(info, Path.Combine(folder, LeRobotLayout.InfoPath));
        var episodes = ReadEpisodes(folder, videoKey);
        var total = episodes.Sum(e => e.Length);
        if (total != info.TotalFrames || episodes.Count != info.TotalEpisodes)
            throw new OrreryException($"{Path.Combine(folder, LeRobotLayout.InfoPath)}: says {info.TotalEpisodes} episodes and {info.TotalFrames} frames, but meta/episodes lists {episodes.Count} episodes and {total} frames");
        return new LeRobotSource(folder, info, videoKey, episodes, ReadProvenance(Path.Combine(folder, LeRobotLayout.OrreryPath)));
    }

    /// <summary>Reads info.json; a missing file, bad JSON or a codebase_version other than v3.x is one line naming the file.</summary>
    public static LeRobotInfo ReadInfo(string path)
    {
        if (!File.Exists(path)) throw new OrreryException($"{path}: missing; a LeRobot v3.0 dataset keeps its schema there (is this a LeRobot dataset folder?)");
        try
        {
            var node = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new OrreryException($"{path}: not a JSON object");
            CheckVersion(path, node["codebase_version"]);
            var info = node.Deserialize<LeRobotInfo>(LeRobotInfo.Json) ?? throw new OrreryException($"{path}: empty (JSON null)");
            if (info.Fps <= 0) throw new OrreryException($"{path}: fps is {info.Fps}; expected a positive number");
            foreach (var (key, f) in info.Features)
                if (f.Dtype is null || f.Shape is null || f.Shape.Count == 0) throw new OrreryException($"{path}: feature '{key}' needs a dtype and a shape");
            return info;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new OrreryException($"{path}: not a valid LeRobot info.json: {e.Message}");
        }
    }

    /// <summary>LeRobot breaks the layout between major versions (v2.1 kept one file per episode), so only v3.x is read.</summary>
    private static void CheckVersion(string path, JsonNode? version)
    {
        var text = version is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (text is null) throw new OrreryException($"{path}: no codebase_version; expected \"{LeRobotLayout.CodebaseVersion}\"");
        var major = text.TrimStart('v').Split('.')[0];
        if (!int.TryParse(major, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) || m != LeRobotLayout.MajorVersion)
            throw new OrreryException($"{path}: codebase_version is '{text}', but Orrery reads LeRobot {LeRobotLayout.CodebaseVersion} (v{LeRobotLayout.MajorVersion}.x); convert older datasets with lerobot's convert_dataset_v21_to_v30 first");
    }

    private static string VideoKeyOf(LeRobotInfo info, string path)
    {
        if (info.Features.TryGetValue(LeRobotLayout.Image, out var image) && image.IsVideo) return LeRobotLayout.Image;
        return info.Features.FirstOrDefault(f => f.Value.IsVideo).Key
            ?? throw new OrreryException($"{path}: no feature with dtype 'video'; Orrery imports frames from MP4 (images stored inside Parquet are not supported)");
    }

    private static IReadOnlyList<LeRobotEpisode> ReadEpisodes(string folder, string videoKey)
    {
        var root = Path.Combine(folder, "meta", "episodes");
        var files = Directory.Exists(root)
            ? Directory.GetFiles(root, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0) throw new OrreryException($"{root}: no episode Parquet files (expected {LeRobotLayout.EpisodesFile(0, 0)})");
        var episodes = files.SelectMany(f => ReadEpisodeFile(f, videoKey)).OrderBy(e => e.Index).ToArray();
        for (var i = 0; i < episodes.Length; i++)
            if (episodes[i].Index != i) throw new OrreryException($"{root}: episode_index values are not 0..{episodes.Length - 1} (found {episodes[i].Index} at position {i})");
        return episodes;
    }

    private static IEnumerable<LeRobotEpisode> ReadEpisodeFile(string path, string videoKey)
    {
        var t = ParquetTableReader.Open(path);
        var video = $"videos/{videoKey}";
        var index = t.Int64(LeRobotLayout.EpisodeIndex);
        var length = t.Int64("length");
        var dataChunk = t.Int64("data/chunk_index");
        var dataFile = t.Int64("data/file_index");
        var videoChunk = t.Int64($"{video}/chunk_index");
        var videoFile = t.Int64($"{video}/file_index");
        var from = t.Float64($"{video}/from_timestamp");
        var tasks = t.Has("tasks") ? t.Strings("tasks") : new string[index.Length];
        for (var i = 0; i < index.Length; i++)
            yield return new LeRobotEpisode(index[i], length[i], dataChunk[i], dataFile[i], videoChunk[i], videoFile[i], from[i], tasks[i] ?? "");
    }

    private static LeRobotProvenance? ReadProvenance(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<LeRobotProvenance>(File.ReadAllBytes(path), DatasetManifest.Json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw new OrreryException($"{path}: not a valid Orrery provenance file: {e.Message}");
        }
    }

    /// <summary>The path of an episode's data file, from info.json's data_path template.</summary>
    public string DataFile(LeRobotEpisode e) => Path.Combine(Folder, LeRobotLayout.Fill(Info.DataPath, "", e.DataChunk, e.DataFile));

    /// <summary>The path of an episode's video file, from info.json's video_path template.</summary>
    public string VideoFile(LeRobotEpisode e) =>
        Path.Combine(Folder, LeRobotLayout.Fill(Info.VideoPath ?? LeRobotLayout.VideoPathTemplate, VideoKey, e.VideoChunk, e.VideoFile));
}
