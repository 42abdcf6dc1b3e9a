using Orrery.Core.Errors;
using Orrery.Data.Collect;
using Orrery.Data.Format;
using Orrery.Data.Tests.TestDoubles;

namespace Orrery.Data.Tests.Collect;

public sealed class CollectorTests
{
    internal static CollectResult Collect(string dir, int episodes = 4, int steps = 12, int seed = 1, Action<int>? onFrame = null, MovingSquareEnvironment? env = null) =>
        Collector.Collect(env ?? new MovingSquareEnvironment(), () => new RandomTestPolicy(5), new CollectOptions(episodes, steps, seed, dir, "random", 0), onFrame);

    private static string[] Checksums(string dir) =>
        Dataset.ReadManifest(Path.Combine(dir, "manifest.json")).Episodes.SelectMany(e => e.Files).Select(f => $"{f.Path} {f.Sha256}").ToArray();

    [Fact]
    public void Collecting_twice_gives_identical_checksums()
    {
        using var dir = new TempDir();
        var a = Collect(dir["a"]);
        var b = Collect(dir["b"]);
        Assert.Equal(Checksums(dir["a"]), Checksums(dir["b"]));
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(20, Checksums(dir["a"]).Length);   // frames, actions, reward, state, metadata for 4 episodes
        Assert.Equal(File.ReadAllBytes(dir["a/episodes/000003.frames.npy"]), File.ReadAllBytes(dir["b/episodes/000003.frames.npy"]));
    }

    [Fact]
    public void Different_seed_gives_different_data()
    {
        using var dir = new TempDir();
        Assert.NotEqual(Collect(dir["a"], seed: 1).Fingerprint, Collect(dir["b"], seed: 2).Fingerprint);
    }

    [Fact]
    public void Episodes_follow_the_alignment_convention()
    {
        using var dir = new TempDir();
        Collect(dir["d"], episodes: 1, steps: 10);
        using var data = Dataset.Open(dir["d"]);
        var episode = data.ReadEpisode(0);
        Assert.Equal(10, episode.Length);
        Assert.True(episode.Actions[0].IsUnknown);
        Assert.Equal(0f, episode.Stream("reward")[0]);
        Assert.Equal(1, data.Manifest.Episodes[0].Seed);   // episode i uses Seed + i
        var env = new MovingSquareEnvironment();
        var first = env.Reset(1);
        Assert.Equal(first.Frame, episode.Frame(0).ToArray());
        Assert.Equal(first.Streams["state"], episode.Stream("state")[..2]);
        for (var t = 1; t < episode.Length; t++)
        {
            var step = env.Step(episode.Actions[t]);
            Assert.Equal(step.Frame, episode.Frame(t).ToArray());
            Assert.Equal(step.Reward, episode.Stream("reward")[t]);
            Assert.Equal(step.Observation.Streams["state"], episode.Stream("state")[(2 * t)..(2 * t + 2)]);
        }
    }

    [Fact]
    public void Interrupted_collect_resumes_and_ends_identical_to_an_uninterrupted_run()
    {
        using var dir = new TempDir();
        Collect(dir["whole"], episodes: 5);
        var frames = 0;
        Assert.Throws<OperationCanceledException>(() => Collect(dir["cut"], episodes: 5, onFrame: n =>
        {
            frames += n;
            if (frames > 12 * 2 + 5) throw new OperationCanceledException();   // crash inside episode 2
        }));
        using (var partial = Dataset.Open(dir["cut"])) Assert.Equal(2, partial.EpisodeCount);
        var resumed = Collect(dir["cut"], episodes: 5);
        Assert.Equal(3, resumed.EpisodesWritten);
        Assert.Equal(2, resumed.EpisodesSkipped);
        Assert.Equal(Checksums(dir["whole"]), Checksums(dir["cut"]));
        Assert.Equal(File.ReadAllText(dir["whole/manifest.json"]).Replace(dir["whole"], ""), File.ReadAllText(dir["cut/manifest.json"]).Replace(dir["cut"], ""));
    }

    [Fact]
    public void Resume_with_different_arguments_names_the_field()
    {
        using var dir = new TempDir();
        Collect(dir["d"], episodes: 2, steps: 8);
        var e = Assert.Throws<OrreryException>(() => Collect(dir["d"], episodes: 2, steps: 9));
        Assert.Contains("collect.steps is '8'", e.Message);
    }

    [Fact]
    public void Episode_ends_early_when_the_environment_is_done()
    {
        using var dir = new TempDir();
        Collect(dir["d"], episodes: 1, steps: 20, env: new MovingSquareEnvironment(doneAfter: 5));
        using var data = Dataset.Open(dir["d"]);
        Assert.Equal(6, data.ReadEpisode(0).Length);
        Assert.Equal(6, data.FrameCount);
    }

    [Fact]
    public void Resuming_sweeps_the_temp_files_a_killed_collect_left_behind()
    {
        using var dir = new TempDir();
        var frames = 0;
        Assert.Throws<OperationCanceledException>(() => Collect(dir["d"], episodes: 3, onFrame: n =>
        {
            frames += n;
            if (frames > 12 * 2 + 5) throw new OperationCanceledException();   // killed inside episode 2
        }));
        // what `kill -9` during an episode write leaves: a temp file of a process that no longer exists
        var stale = dir[$"d/episodes/000002.frames.npy.tmp-99999999-{Guid.NewGuid():N}"];
        File.WriteAllBytes(stale, new byte[1000]);
        var resumed = Collect(dir["d"], episodes: 3);
        Assert.Equal(1, resumed.EpisodesWritten);
        Assert.False(File.Exists(stale));
        Assert.Empty(Directory.GetFiles(dir["d/episodes"], "*.tmp-*"));
    }
}
