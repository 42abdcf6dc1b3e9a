using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

/// <summary>The push task through the CLI with tiny settings: list, collect with the expert, inspect, preview, bench (issue 15).</summary>
[Collection(OrreryProcessCollection.Name)]
public sealed class PushEndToEndTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"orrery-push-e2e-{Guid.NewGuid():N}");

    [Fact]
    public void Envs_lists_push_as_a_box_of_two_target_coordinates_at_64_and_96()
    {
        using var doc = JsonDocument.Parse(Ok(OrreryProcess.Run("envs", "--json")).Stdout);
        var push = Assert.Single(doc.RootElement.GetProperty("environments").EnumerateArray(), e => e.GetProperty("name").GetString() == "push");
        var actions = push.GetProperty("spec").GetProperty("actions");
        Assert.Equal("box", actions.GetProperty("kind").GetString());
        Assert.Equal(["target_x", "target_y"], actions.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([64, 96], push.GetProperty("resolutions").EnumerateArray().Select(r => r.GetInt32()));
    }

    [Fact]
    public void Collect_with_the_expert_then_info_and_preview_record_the_box_the_streams_and_the_frames()
    {
        var data = Path.Combine(dir, "data");
        Ok(OrreryProcess.Run("collect", "--env", "push", "--policy", "expert", "--episodes", "2", "--steps", "24", "--seed", "1", "--resolution", "96", "--out", data));

        using (var doc = JsonDocument.Parse(Ok(OrreryProcess.Run("dataset", "info", data, "--json")).Stdout))
        {
            Assert.Equal("box", doc.RootElement.GetProperty("actionSpace").GetProperty("kind").GetString());
            var streams = doc.RootElement.GetProperty("streams").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("fields").GetArrayLength());
            Assert.Equal(6, streams["state"]);
            Assert.Equal(1, streams["reward"]);
            Assert.Equal(1, streams["success"]);
        }

        var png = Path.Combine(dir, "push.png");
        Ok(OrreryProcess.Run("dataset", "preview", data, "--episode", "1", "--out", png));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);    // the PNG signature
    }

    [Fact]
    public void A_graded_policy_on_a_task_without_an_expert_is_one_line_and_writes_nothing()
    {
        var run = OrreryProcess.Run("collect", "--env", "maze", "--policy", "expert-noisy", "--episodes", "1", "--steps", "4", "--out", Path.Combine(dir, "r"));
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("'expert-noisy' exists for: push, reach", Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(Path.Combine(dir, "r")));
    }

    [Fact]
    public void Bench_env_steps_push_and_reports_frames_per_second()
    {
        using var doc = JsonDocument.Parse(Ok(OrreryProcess.Run("bench", "env", "--env", "push", "--frames", "500", "--json")).Stdout);
        Assert.Equal("push", doc.RootElement.GetProperty("env").GetString());
        Assert.True(doc.RootElement.GetProperty("framesPerSecond").GetDouble() > 24);
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
