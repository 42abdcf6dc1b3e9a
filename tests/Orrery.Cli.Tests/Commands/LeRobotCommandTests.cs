using System.Text.Json;
using Orrery.Cli.Terminal;
using Orrery.Data.Format;

namespace Orrery.Cli.Tests.Commands;

/// <summary>`dataset export --format lerobot` and `dataset import --lerobot` on push data from the expert (issue 15, section 7).</summary>
[Collection(OrreryProcessCollection.Name)]
public sealed class LeRobotCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"orrery-lerobot-cli-{Guid.NewGuid():N}");

    private string At(string name) => Path.Combine(dir, name);

    private void CollectAndExport()
    {
        Ok(OrreryProcess.Run("collect", "--env", "push", "--policy", "expert", "--episodes", "2", "--steps", "30", "--out", At("push")));
        Ok(OrreryProcess.Run("dataset", "export", At("push"), "--format", "lerobot", "--out", At("push-lerobot")));
    }

    [Fact]
    public void Push_export_then_import_keeps_actions_states_streams_and_frames_exactly()
    {
        CollectAndExport();
        Ok(OrreryProcess.Run("dataset", "import", "--lerobot", At("push-lerobot"), "--out", At("push-again")));
        using var original = Dataset.Open(At("push"));
        using var again = Dataset.Open(At("push-again"));
        Assert.Equal(original.Fingerprint, again.Fingerprint);   // every episode file is byte-identical
        Assert.Equal(original.ActionSpace, again.ActionSpace);
        for (var i = 0; i < original.EpisodeCount; i++)
        {
            var (a, b) = (original.ReadEpisode(i), again.ReadEpisode(i));
            Assert.Equal(a.Actions, b.Actions);
            Assert.Equal(a.Stream("state"), b.Stream("state"));
        }
    }

    [Fact]
    public void Export_json_names_the_columns_and_counts()
    {
        Ok(OrreryProcess.Run("collect", "--env", "push", "--policy", "expert", "--episodes", "1", "--steps", "6", "--out", At("push")));
        using var doc = JsonDocument.Parse(Ok(OrreryProcess.Run("dataset", "export", At("push"), "--format", "lerobot", "--out", At("l"), "--task", "push the T onto the goal", "--json")).Stdout);
        Assert.Equal(6, doc.RootElement.GetProperty("frames").GetInt32());
        Assert.Equal("push the T onto the goal", doc.RootElement.GetProperty("task").GetString());
        Assert.Contains("next.success", doc.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("meta/info.json", "missing")]
    [InlineData("videos/observation.image/chunk-000/file-000.mp4", "missing video")]
    public void A_missing_file_is_one_line_exit_1_and_writes_nothing(string file, string words)
    {
        CollectAndExport();
        File.Delete(Path.Combine(At("push-lerobot"), file));
        Refused(file, words);
    }

    [Fact]
    public void A_wrong_version_is_one_line_exit_1_and_writes_nothing()
    {
        CollectAndExport();
        var info = Path.Combine(At("push-lerobot"), "meta/info.json");
        File.WriteAllText(info, File.ReadAllText(info).Replace("\"v3.0\"", "\"v2.1\"", StringComparison.Ordinal));
        Refused("meta/info.json", "codebase_version is 'v2.1'");
    }

    [Fact]
    public void A_truncated_parquet_is_one_line_exit_1_and_writes_nothing()
    {
        CollectAndExport();
        var data = Path.Combine(At("push-lerobot"), "data/chunk-000/file-000.parquet");
        File.WriteAllBytes(data, File.ReadAllBytes(data)[..1000]);
        Refused("data/chunk-000/file-000.parquet", "truncated");
    }

    [Fact]
    public void An_unknown_export_format_is_a_usage_error()
    {
        var run = OrreryProcess.Run("dataset", "export", At("nothing"), "--format", "hdf5", "--out", At("x"));
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("hdf5", Assert.Single(run.StderrLines));
    }

    private void Refused(string file, string words)
    {
        var run = OrreryProcess.Run("dataset", "import", "--lerobot", At("push-lerobot"), "--out", At("push-again"));
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains(file, line);
        Assert.Contains(words, line);
        Assert.Empty(Directory.GetFileSystemEntries(dir, "push-again*"));
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
