using System.Text.Json;
using Orrery.Cli.Terminal;
using Orrery.Core.IO;

namespace Orrery.Cli.Tests.Commands;

/// <summary>The continuous world through the CLI with tiny settings: collect, inspect, train, roll out (issue 13).</summary>
[Collection(OrreryProcessCollection.Name)]
public sealed class ReachEndToEndTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"orrery-reach-e2e-{Guid.NewGuid():N}");

    [Fact]
    public void Collect_info_train_and_rollout_run_on_reach_and_record_its_box_and_streams()
    {
        var data = Path.Combine(dir, "data");
        Ok(OrreryProcess.Run("collect", "--env", "reach", "--policy", "expert", "--episodes", "3", "--steps", "24", "--seed", "1", "--out", data));

        var info = Ok(OrreryProcess.Run("dataset", "info", data, "--json"));
        using (var doc = JsonDocument.Parse(info.Stdout))
        {
            Assert.Equal("box", doc.RootElement.GetProperty("actionSpace").GetProperty("kind").GetString());
            var streams = doc.RootElement.GetProperty("streams").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("fields").GetArrayLength());
            Assert.Equal(8, streams["state"]);
            Assert.Equal(1, streams["reward"]);
            Assert.Equal(1, streams["success"]);
        }

        var run = Path.Combine(dir, "run");
        Ok(OrreryProcess.Run("train", "--data", data, "--preset", "tiny", "--steps", "12", "--out", run));
        var checkpoint = Path.Combine(run, "checkpoint");
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(checkpoint, "manifest.json"))))
        {
            var world = manifest.RootElement.GetProperty("world");
            Assert.Equal("reach", world.GetProperty("environment").GetString());
            Assert.Equal("box", world.GetProperty("actions").GetProperty("kind").GetString());
        }

        var gif = Path.Combine(dir, "reach-rollout.gif");
        var rollout = Ok(OrreryProcess.Run("rollout", "--model", checkpoint, "--policy", "random", "--frames", "12", "--out", gif, "--json"));
        using (var doc = JsonDocument.Parse(rollout.Stdout))
        {
            Assert.Equal(12, doc.RootElement.GetProperty("frames").GetInt32());
            var actions = doc.RootElement.GetProperty("actions").EnumerateArray().ToArray();
            Assert.Equal(JsonValueKind.Null, actions[0].ValueKind);                       // unknown: nothing led to frame 0
            Assert.All(actions.Skip(1), a => Assert.Equal(2, a.GetArrayLength()));      // two torques per step
        }
        Assert.True(new FileInfo(gif).Length > 0);
    }

    [Fact]
    public void A_maze_collect_writes_the_same_episode_bytes_as_format_version_1()
    {
        var data = Path.Combine(dir, "maze");
        Ok(OrreryProcess.Run("collect", "--env", "maze", "--world", "1", "--policy", "random", "--episodes", "1", "--steps", "50", "--seed", "2", "--out", data));
        string Sha(string file) => Checksums.Sha256File(Path.Combine(data, "episodes", file));

        // sha256 of the same collect made by the version 1 code (73e02ea): frames, actions and rewards, byte for byte
        Assert.Equal("4b3668c732703f3f6d678059c7a60fe73e2923d9bb35d2896f0b77904f5bd785", Sha("000000.frames.npy"));
        Assert.Equal("e66ceffd85020b093f4a09b84ff3039f8f006767205f00737db61acee3fd32b9", Sha("000000.actions.npy"));
        Assert.Equal("f857eacf224c431594f36de7c32f8fbaef4fe8032b60fb5440131d37c0c9d53d", Sha("000000.reward.npy"));
    }

    [Fact]
    public void A_malformed_continuous_script_names_the_file_and_line()
    {
        Directory.CreateDirectory(dir);
        var script = Path.Combine(dir, "torques.csv");
        File.WriteAllText(script, "shoulder,elbow\n0.5,-0.5\n0.5,oops\n");
        var run = OrreryProcess.Run("collect", "--env", "reach", "--policy", "scripted", "--script", script, "--episodes", "1", "--steps", "4", "--out", Path.Combine(dir, "s"));
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains($"{script}:3:", line);
        Assert.Contains("'oops' is not a number", line);
        Assert.False(Directory.Exists(Path.Combine(dir, "s")));
    }

    private static CliRun Ok(CliRun run)
    {
        Assert.True(run.ExitCode == ExitCodes.Ok, $"exit {run.ExitCode}: {run.Stderr}");
        return run;
    }

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
