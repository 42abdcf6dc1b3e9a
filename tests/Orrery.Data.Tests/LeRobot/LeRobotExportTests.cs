using System.Text.Json;
using Orrery.Data.Format;
using Orrery.Data.LeRobot;
using Orrery.Data.Tests.Collect;
using Orrery.Data.Tests.TestDoubles;
using Orrery.Data.Video;

namespace Orrery.Data.Tests.LeRobot;

/// <summary>An export checked from outside (ParquetSharp, ffprobe, plain JSON): the layout, columns, dtypes and counts LeRobot v3.0 reads.</summary>
public sealed class LeRobotExportTests
{
    private const int Episodes = 3, Steps = 10;

    private static string Export(TempDir dir)
    {
        Assert.True(Ffmpeg.IsPresent, "ffmpeg is not installed: sudo apt-get install -y ffmpeg");
        CollectorTests.Collect(dir["data"], episodes: Episodes, steps: Steps);
        LeRobotExporter.Export(dir["data"], new LeRobotExportOptions(dir["lerobot"], "move the square"));
        return dir["lerobot"];
    }

    [Fact]
    public void Export_writes_the_v3_layout_with_lerobot_columns_dtypes_and_row_counts()
    {
        using var dir = new TempDir();
        var root = Export(dir);
        var data = Path.Combine(root, "data/chunk-000/file-000.parquet");
        Assert.Equal(
            [("observation.state", "list<float32>"), ("action", "int64"), ("next.reward", "float32"), ("next.done", "bool"),
             ("timestamp", "float32"), ("frame_index", "int64"), ("episode_index", "int64"), ("index", "int64"), ("task_index", "int64")],
            IndependentReaders.Columns(data));
        Assert.Equal(Episodes * Steps, IndependentReaders.Rows(data));

        var episodes = Path.Combine(root, "meta/episodes/chunk-000/file-000.parquet");
        var columns = IndependentReaders.Columns(episodes).ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal("list<string>", columns["tasks"]);
        foreach (var name in new[] { "episode_index", "length", "dataset_from_index", "dataset_to_index", "data/chunk_index", "data/file_index", "videos/observation.image/chunk_index", "videos/observation.image/file_index" })
            Assert.Equal("int64", columns[name]);
        Assert.Equal("float64", columns["videos/observation.image/from_timestamp"]);
        Assert.Equal(Episodes, IndependentReaders.Rows(episodes));
        Assert.Equal([0L, 10, 20], IndependentReaders.Values<long>(episodes, IndependentReaders.Leaf(episodes, "dataset_from_index")));
        Assert.Equal([0.0, 10 / 12.0, 20 / 12.0], IndependentReaders.Values<double>(episodes, IndependentReaders.Leaf(episodes, "videos/observation.image/from_timestamp")));

        var tasks = Path.Combine(root, "meta/tasks.parquet");
        Assert.Equal([("task_index", "int64"), ("task", "string")], IndependentReaders.Columns(tasks));
        Assert.Equal(["move the square"], IndependentReaders.Values<string>(tasks, 1));
        Assert.Contains("\"index_columns\": [\"task\"]", IndependentReaders.KeyValueMetadata(tasks)["pandas"], StringComparison.Ordinal);

        var (frames, codec) = IndependentReaders.Probe(Path.Combine(root, "videos/observation.image/chunk-000/file-000.mp4"));
        Assert.Equal(Episodes * Steps, frames);
        Assert.Equal("h264", codec);
    }

    [Fact]
    public void Info_json_declares_version_counts_templates_and_features()
    {
        using var dir = new TempDir();
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Export(dir), "meta/info.json")));
        var info = doc.RootElement;
        Assert.Equal("v3.0", info.GetProperty("codebase_version").GetString());
        Assert.Equal(12, info.GetProperty("fps").GetInt32());
        Assert.Equal(Episodes, info.GetProperty("total_episodes").GetInt32());
        Assert.Equal(Episodes * Steps, info.GetProperty("total_frames").GetInt32());
        Assert.Equal("data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet", info.GetProperty("data_path").GetString());
        Assert.Equal("videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4", info.GetProperty("video_path").GetString());
        var features = info.GetProperty("features");
        Assert.Equal("video", features.GetProperty("observation.image").GetProperty("dtype").GetString());
        Assert.Equal([16, 16, 3], features.GetProperty("observation.image").GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(["x", "y"], features.GetProperty("observation.state").GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("int64", features.GetProperty("action").GetProperty("dtype").GetString());
        Assert.Equal("float32", features.GetProperty("timestamp").GetProperty("dtype").GetString());
    }

    [Fact]
    public void Rows_follow_lerobot_alignment_the_action_taken_at_each_frame_and_the_reward_it_earned()
    {
        using var dir = new TempDir();
        var root = Export(dir);
        using var source = Dataset.Open(dir["data"]);
        var data = Path.Combine(root, "data/chunk-000/file-000.parquet");
        var actions = IndependentReaders.Values<long>(data, IndependentReaders.Leaf(data, "action"));
        var rewards = IndependentReaders.Values<float>(data, IndependentReaders.Leaf(data, "next.reward"));
        var done = IndependentReaders.Values<bool>(data, IndependentReaders.Leaf(data, "next.done"));
        for (var e = 0; e < Episodes; e++)
        {
            var episode = source.ReadEpisode(e);
            for (var t = 0; t < Steps; t++)
            {
                var next = Math.Min(t + 1, Steps - 1);   // the last row holds the final action and reward
                Assert.Equal(episode.Actions[next].Index, actions[e * Steps + t]);
                Assert.Equal(episode.Stream("reward")[next], rewards[e * Steps + t]);
                Assert.Equal(t == Steps - 1, done[e * Steps + t]);
            }
        }
    }

    [Fact]
    public void Stats_json_has_mean_std_min_max_and_count_for_every_feature()
    {
        using var dir = new TempDir();
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Export(dir), "meta/stats.json")));
        foreach (var name in new[] { "observation.image", "observation.state", "action", "next.reward", "timestamp", "index" })
        {
            var s = doc.RootElement.GetProperty(name);
            foreach (var stat in new[] { "mean", "std", "min", "max" }) Assert.Equal(JsonValueKind.Array, s.GetProperty(stat).ValueKind);
            Assert.Equal(Episodes * Steps, s.GetProperty("count")[0].GetInt64());
        }
        var state = doc.RootElement.GetProperty("observation.state");
        Assert.Equal(2, state.GetProperty("mean").GetArrayLength());
        Assert.Equal(3, doc.RootElement.GetProperty("observation.image").GetProperty("mean").GetArrayLength());   // per channel, (3, 1, 1)
        Assert.Equal(Episodes * Steps - 1, doc.RootElement.GetProperty("index").GetProperty("max")[0].GetDouble());
    }
}
