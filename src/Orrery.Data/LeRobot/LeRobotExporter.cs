using System.Text.Json;
using System.Text.Json.Nodes;
using Orrery.Core.IO;
using Orrery.Data.Format;
using Orrery.Data.Preview;
using Orrery.Data.Video;

namespace Orrery.Data.LeRobot;

/// <summary>What to export: the folder to create, and the task sentence every episode carries (null: the environment's name).</summary>
public sealed record LeRobotExportOptions(string Out, string? Task = null);

/// <summary>What an export wrote.</summary>
public sealed record LeRobotExportResult(string Out, int Episodes, long Frames, string Task, IReadOnlyList<string> Columns, string Video);

/// <summary>
/// Writes any Orrery dataset as a LeRobot v3.0 dataset (docs/dataset-format.md, "LeRobot v3.0"): one data Parquet,
/// one episodes Parquet, tasks, stats, info and one lossless MP4, all in chunk 000 / file 000. The folder is built
/// beside the target and renamed into place, so a failed export leaves nothing behind.
/// </summary>
public static class LeRobotExporter
{
    public static LeRobotExportResult Export(string datasetDir, LeRobotExportOptions opts, Action<int>? onFrame = null)
    {
        using var data = Dataset.Open(datasetDir);
        OutputFolder.RequireNew(opts.Out);
        Ffmpeg.Locate("exporting a LeRobot dataset");   // before any work, not after the Parquet files
        var task = opts.Task ?? data.Manifest.Env.Name;
        LeRobotExportResult? result = null;
        AtomicFile.WriteDirectory(opts.Out, dir => result = Write(data, task, dir, opts.Out, onFrame));
        return result!;
    }

    private static LeRobotExportResult Write(Dataset data, string task, string dir, string shownAs, Action<int>? onFrame)
    {
        var m = data.Manifest;
        var table = new LeRobotFrameTable(m, LeRobotColumns.For(m.Streams));
        var imageStats = FeatureStats.Rgb();
        var episodes = new List<(int Index, int Length, long From)>();
        var video = LeRobotLayout.VideoFile(LeRobotLayout.Image, 0, 0);
        // LeRobot v3 concatenates a chunk's episodes into one MP4; each episode's frames start at its first row's index / fps.
        LosslessVideo.Encode(Path.Combine(dir, video), data.Spec.Height, data.Spec.Width, m.Env.Fps, stdin =>
        {
            for (var i = 0; i < data.EpisodeCount; i++)
            {
                var episode = data.ReadEpisode(i);
                episodes.Add((i, episode.Length, table.Rows));
                table.Add(episode);
                for (var t = 0; t < episode.Length; t++)
                {
                    var rgb = Rgb(episode, t);
                    imageStats.AddFrame(rgb);
                    stdin.Write(rgb);
                }
                onFrame?.Invoke(episode.Length);
            }
        });
        var features = new Dictionary<string, LeRobotFeature> { [LeRobotLayout.Image] = ImageFeature(data) };
        foreach (var (name, feature) in table.Features()) features[name] = feature;

        Save(dir, LeRobotLayout.DataFile(0, 0), table.ToParquet());
        Save(dir, LeRobotLayout.EpisodesFile(0, 0), EpisodesTable(episodes, task, m.Env.Fps));
        Save(dir, LeRobotLayout.TasksPath, TasksTable(task));
        var stats = table.Stats();
        stats[LeRobotLayout.Image] = imageStats.ToJson();
        File.WriteAllText(Path.Combine(dir, LeRobotLayout.StatsPath), stats.ToJsonString(LeRobotInfo.Json));
        var info = new LeRobotInfo
        {
            CodebaseVersion = LeRobotLayout.CodebaseVersion,
            RobotType = $"orrery:{m.Env.Name}",
            TotalEpisodes = data.EpisodeCount,
            TotalFrames = table.Rows,
            TotalTasks = 1,
            Fps = m.Env.Fps,
            Splits = new Dictionary<string, string> { ["train"] = $"0:{data.EpisodeCount}" },
            Features = features,
        };
        File.WriteAllBytes(Path.Combine(dir, LeRobotLayout.InfoPath), JsonSerializer.SerializeToUtf8Bytes(info, LeRobotInfo.Json));
        File.WriteAllBytes(Path.Combine(dir, LeRobotLayout.OrreryPath), JsonSerializer.SerializeToUtf8Bytes(LeRobotProvenance.Of(m), DatasetManifest.Json));
        return new LeRobotExportResult(shownAs, data.EpisodeCount, table.Rows, task, [.. features.Keys], video);
    }

    /// <summary>Frame t as RGB: grey is repeated into three channels, an alpha channel is dropped (LeRobot videos are RGB).</summary>
    private static byte[] Rgb(Episode episode, int t)
    {
        var s = episode.Spec;
        var frame = episode.Frame(t).ToArray();
        return s.Channels == 3 ? frame : Pixels.Expand(frame, s.Height, s.Width, s.Channels, 3);
    }

    private static LeRobotFeature ImageFeature(Dataset data)
    {
        var s = data.Spec;
        var info = new JsonObject
        {
            ["video.height"] = s.Height,
            ["video.width"] = s.Width,
            ["video.codec"] = LosslessVideo.Codec,
            ["video.pix_fmt"] = LosslessVideo.PixelFormat,
            ["video.is_depth_map"] = false,
            ["video.fps"] = data.Manifest.Env.Fps,
            ["video.channels"] = 3,
            ["video.g"] = LosslessVideo.Gop,
            ["has_audio"] = false,
        };
        return new LeRobotFeature(LeRobotFeature.Video, [s.Height, s.Width, 3], new JsonArray("height", "width", "channels"), info);
    }

    /// <summary>meta/episodes/chunk-000/file-000.parquet: one row per episode with where its rows and frames are.</summary>
    private static ParquetTableWriter EpisodesTable(IReadOnlyList<(int Index, int Length, long From)> episodes, string task, int fps)
    {
        var n = episodes.Count;
        long[] Zeros() => new long[n];
        var video = $"videos/{LeRobotLayout.Image}";
        return new ParquetTableWriter()
            .Int64(LeRobotLayout.EpisodeIndex, [.. episodes.Select(e => (long)e.Index)])
            .StringLists("tasks", [.. episodes.Select(_ => new[] { task })])
            .Int64("length", [.. episodes.Select(e => (long)e.Length)])
            .Int64("data/chunk_index", Zeros())
            .Int64("data/file_index", Zeros())
            .Int64("dataset_from_index", [.. episodes.Select(e => e.From)])
            .Int64("dataset_to_index", [.. episodes.Select(e => e.From + e.Length)])
            .Int64($"{video}/chunk_index", Zeros())
            .Int64($"{video}/file_index", Zeros())
            .Float64($"{video}/from_timestamp", [.. episodes.Select(e => (double)e.From / fps)])
            .Float64($"{video}/to_timestamp", [.. episodes.Select(e => (double)(e.From + e.Length) / fps)])
            .Int64("meta/episodes/chunk_index", Zeros())
            .Int64("meta/episodes/file_index", Zeros());
    }

    /// <summary>
    /// meta/tasks.parquet: lerobot writes a pandas DataFrame indexed by the task text with a task_index column; the
    /// "pandas" footer block tells pandas.read_parquet to rebuild that index from the task column.
    /// </summary>
    private static ParquetTableWriter TasksTable(string task) =>
        new ParquetTableWriter()
            .Int64(LeRobotLayout.TaskIndex, [0])
            .String("task", [task])
            .Metadata("pandas", PandasIndexMetadata);

    private const string PandasIndexMetadata =
        """{"index_columns": ["task"], "column_indexes": [{"name": null, "field_name": null, "pandas_type": "unicode", "numpy_type": "object", "metadata": {"encoding": "UTF-8"}}], "columns": [{"name": "task_index", "field_name": "task_index", "pandas_type": "int64", "numpy_type": "int64", "metadata": null}, {"name": "task", "field_name": "task", "pandas_type": "unicode", "numpy_type": "object", "metadata": null}], "creator": {"library": "orrery", "version": "1"}, "pandas_version": "2.2.3"}""";

    private static void Save(string dir, string relative, ParquetTableWriter table)
    {
        var path = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
        table.WriteTo(stream);
    }
}
