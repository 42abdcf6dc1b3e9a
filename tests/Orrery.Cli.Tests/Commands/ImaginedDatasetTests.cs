using Orrery.Cli.Terminal;
using Orrery.Data.Format;

namespace Orrery.Cli.Tests.Commands;

[Collection(OrreryProcessCollection.Name)]
public sealed class ImaginedDatasetTests(TinyReachModelFixture tiny) : IClassFixture<TinyReachModelFixture>
{
    [Fact]
    public void Rollout_out_dataset_writes_imagined_episodes_that_name_their_model_and_pass_verification()
    {
        var dir = Path.Combine(tiny.Dir, "imagined");
        var run = OrreryProcess.Run("rollout", "--model", tiny.Model, "--policy", "expert", "--episodes", "2", "--frames", "10", "--seed", "5", "--out-dataset", dir);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var data = Dataset.Open(dir);
        data.Verify();
        Assert.Equal(2, data.EpisodeCount);
        Assert.Equal(20, data.FrameCount);
        Assert.Equal(["state", "reward", "success"], data.Manifest.Streams.Select(s => s.Name));
        Assert.Equal(Path.GetFullPath(tiny.Model), data.Manifest.Collect["imagined-by"]);
        Assert.Equal(64, data.Manifest.Collect["model-weights-sha256"].Length);
        Assert.Equal([5, 6], data.Manifest.Episodes.Select(e => e.Seed));
    }

    [Fact]
    public void The_same_seed_imagines_the_same_data()
    {
        string Fingerprint(string name)
        {
            var dir = Path.Combine(tiny.Dir, name);
            Assert.Equal(ExitCodes.Ok, OrreryProcess.Run("rollout", "--model", tiny.Model, "--policy", "random", "--frames", "8", "--seed", "2", "--out-dataset", dir).ExitCode);
            using var data = Dataset.Open(dir);
            return data.Fingerprint;
        }

        Assert.Equal(Fingerprint("a"), Fingerprint("b"));
    }

    [Fact]
    public void Out_and_out_dataset_together_are_one_line()
    {
        var run = OrreryProcess.Run("rollout", "--model", tiny.Model, "--out", Path.Combine(tiny.Dir, "x.gif"), "--out-dataset", Path.Combine(tiny.Dir, "both"));

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("give exactly one of --out FILE and --out-dataset DIR", Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(Path.Combine(tiny.Dir, "both")));
    }
}
