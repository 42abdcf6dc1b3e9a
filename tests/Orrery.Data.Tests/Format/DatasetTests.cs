using System.Text.Json.Nodes;
using Orrery.Core.Errors;
using Orrery.Data.Format;
using Orrery.Data.Tests.Collect;
using Orrery.Data.Tests.TestDoubles;

namespace Orrery.Data.Tests.Format;

public sealed class DatasetTests
{
    private static void EditManifest(string dir, Action<JsonNode> edit)
    {
        var path = Path.Combine(dir, "manifest.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    [Fact]
    public void Open_reports_counts_spec_and_action_names()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 3, steps: 7);
        using var data = Dataset.Open(dir["d"]);
        Assert.Equal(3, data.EpisodeCount);
        Assert.Equal(21, data.FrameCount);
        Assert.Equal(new Orrery.Core.Spaces.ObservationSpec(16, 16, 3), data.Spec);
        Assert.Equal(["noop", "up", "down", "left", "right"], data.ActionNames);
        Assert.Equal(64, data.Fingerprint.Length);
        data.Verify();
    }

    [Fact]
    public void Bad_json_is_a_clear_error()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 1, steps: 4);
        File.WriteAllText(dir["d/manifest.json"], "{ \"formatVersion\": 1, ");
        var e = Assert.Throws<OrreryException>(() => Dataset.Open(dir["d"]));
        Assert.Contains("manifest.json: not a valid manifest", e.Message);
    }

    [Fact]
    public void Missing_episode_file_is_named()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 2, steps: 4);
        File.Delete(dir["d/episodes/000001.actions.npy"]);
        var e = Assert.Throws<OrreryException>(() => Dataset.Open(dir["d"]));
        Assert.Contains("000001.actions.npy: missing", e.Message);
    }

    [Fact]
    public void Wrong_size_is_named()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 1, steps: 4);
        File.AppendAllText(dir["d/episodes/000000.frames.npy"], "x");
        var e = Assert.Throws<OrreryException>(() => Dataset.Open(dir["d"]));
        Assert.Contains("000000.frames.npy: wrong size", e.Message);
    }

    [Fact]
    public void Verify_catches_changed_bytes()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 1, steps: 4);
        var path = dir["d/episodes/000000.reward.npy"];
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        using var data = Dataset.Open(dir["d"]);
        Assert.Contains("000000.reward.npy: checksum mismatch", Assert.Throws<OrreryException>(data.Verify).Message);
    }

    [Fact]
    public void Wrong_counts_are_named()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 2, steps: 4);
        EditManifest(dir["d"], m => m["counts"]!["frames"] = 99);
        Assert.Contains("counts.frames is 99", Assert.Throws<OrreryException>(() => Dataset.Open(dir["d"])).Message);
    }

    [Fact]
    public void Windows_match_the_episode_and_stay_inside_it()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 4, steps: 10);
        using var data = Dataset.Open(dir["d"]);
        var episodes = Enumerable.Range(0, 4).Select(data.ReadEpisode).ToArray();
        var rng = new Random(3);
        var frameBytes = data.Spec.FrameBytes;
        var starts = new HashSet<(int, int)>();
        for (var i = 0; i < 300; i++)
        {
            var w = data.SampleWindow(rng, 6);
            Assert.InRange(w.Start, 0, 10 - 6);
            starts.Add((w.Episode, w.Start));
            var e = episodes[w.Episode];
            Assert.Equal(e.Frames.AsSpan(w.Start * frameBytes, 6 * frameBytes).ToArray(), w.Frames);
            Assert.Equal(e.Actions.AsSpan(w.Start, 6).ToArray(), w.Actions);
        }
        Assert.Equal(4 * 5, starts.Count);   // every valid position is reachable
    }

    [Fact]
    public void Short_episodes_are_skipped_and_too_long_windows_fail()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["short"], episodes: 1, steps: 20, env: new MovingSquareEnvironment(doneAfter: 3));
        using var data = Dataset.Open(dir["short"]);
        Assert.Contains("no episode has 5 frames", Assert.Throws<OrreryException>(() => data.SampleWindow(new Random(1), 5)).Message);
        Assert.Equal(4, data.SampleWindow(new Random(1), 4).Length);
        Assert.Throws<OrreryException>(() => data.ReadWindow(0, 2, 3));
    }

    [Fact]
    public void Same_rng_seed_samples_the_same_windows()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 3, steps: 9);
        using var data = Dataset.Open(dir["d"]);
        var (a, b) = (new Random(5), new Random(5));
        for (var i = 0; i < 20; i++)
        {
            var (x, y) = (data.SampleWindow(a, 4), data.SampleWindow(b, 4));
            Assert.Equal((x.Episode, x.Start), (y.Episode, y.Start));
        }
    }

    [Fact]
    public void Batch_holds_the_same_windows_as_repeated_single_samples()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["d"], episodes: 3, steps: 9);
        using var data = Dataset.Open(dir["d"]);
        var (frames, actions) = (new byte[5 * 4 * data.Spec.FrameBytes], new Orrery.Core.Spaces.ActionVector[5 * 4]);
        data.SampleBatch(new Random(9), 5, 4, frames, actions);
        var rng = new Random(9);
        var singles = Enumerable.Range(0, 5).Select(_ => data.SampleWindow(rng, 4)).ToArray();
        Assert.Equal(singles.SelectMany(w => w.Frames).ToArray(), frames);
        Assert.Equal(singles.SelectMany(w => w.Actions).ToArray(), actions);
    }

    [Fact]
    public void A_version_1_dataset_loads_with_its_rewards_as_the_reward_stream_and_its_fingerprint_unchanged()
    {
        using var dir = new TempDir();
        var d = dir["v1"];
        Directory.CreateDirectory(Path.Combine(d, "episodes"));
        var frames = Orrery.Data.Npy.NpyFile.Encode(Orrery.Data.Npy.NpyArray.Of(new byte[3 * 8 * 8 * 3], 3, 8, 8, 3));
        var actions = Orrery.Data.Npy.NpyFile.Encode(Orrery.Data.Npy.NpyArray.Of(new[] { -1, 2, 0 }, 3));
        var rewards = Orrery.Data.Npy.NpyFile.Encode(Orrery.Data.Npy.NpyArray.Of(new[] { 0f, 1f, 0f }, 3));
        var meta = System.Text.Encoding.UTF8.GetBytes("{}");
        var files = new (string Path, byte[] Bytes)[]
        {
            ("episodes/000000.frames.npy", frames), ("episodes/000000.actions.npy", actions),
            ("episodes/000000.rewards.npy", rewards), ("episodes/000000.json", meta),
        };
        foreach (var (path, bytes) in files) File.WriteAllBytes(Path.Combine(d, path), bytes);
        var entries = files.Select(f => new FileEntry(f.Path, f.Bytes.Length, Orrery.Core.IO.Checksums.Sha256(f.Bytes))).ToArray();
        var fingerprint = EpisodeFiles.Fingerprint([new EpisodeEntry(0, 3, 0, "random", entries)]);
        var manifest = new JsonObject
        {
            ["formatVersion"] = 1,
            ["env"] = new JsonObject { ["name"] = "maze", ["world"] = 0, ["observation"] = new JsonObject { ["height"] = 8, ["width"] = 8, ["channels"] = 3 }, ["fps"] = 24 },
            ["actionSpace"] = new JsonObject { ["kind"] = "discrete", ["names"] = new JsonArray("noop", "forward", "back") },
            ["counts"] = new JsonObject { ["episodes"] = 1, ["frames"] = 3 },
            ["episodes"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["frames"] = 3, ["seed"] = 0, ["policy"] = "random",
                ["files"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["bytes"] = e.Bytes, ["sha256"] = e.Sha256 }).ToArray()),
            }),
            ["collect"] = new JsonObject { ["env"] = "maze" },
            ["fingerprint"] = fingerprint,
        };
        File.WriteAllText(Path.Combine(d, "manifest.json"), manifest.ToJsonString());

        using var data = Dataset.Open(d);
        Assert.Equal(fingerprint, data.Fingerprint);
        var space = Assert.IsType<Orrery.Core.Spaces.DiscreteActionSpace>(data.ActionSpace);
        Assert.Equal("noop", space.NoopName);
        var episode = data.ReadEpisode(0);
        Assert.Equal([Orrery.Core.Spaces.ActionVector.Unknown, Orrery.Core.Spaces.ActionVector.Discrete(2), Orrery.Core.Spaces.ActionVector.Discrete(0)], episode.Actions);
        Assert.Equal([0f, 1f, 0f], episode.Stream("reward"));
        data.Verify();
    }
}
