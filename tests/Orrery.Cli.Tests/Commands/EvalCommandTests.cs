using System.Text.Json;
using Orrery.Cli.Terminal;
using Orrery.Data.Npy;

namespace Orrery.Cli.Tests.Commands;

/// <summary>A tiny checkpoint made through the CLI itself: collect 3 short episodes (maze unless told), train the "tiny" preset for 4 steps.</summary>
public class TinyModelFixture : IDisposable
{
    public TinyModelFixture() : this("--world", "0") { }

    /// <summary>A checkpoint of the episodes `orrery collect` records with <paramref name="collect"/> added to its arguments.</summary>
    protected TinyModelFixture(params string[] collect)
    {
        Dir = Path.Combine(Path.GetTempPath(), $"orrery-cli-eval-{Guid.NewGuid():N}");
        var data = Path.Combine(Dir, "data");
        Check(OrreryProcess.Run(["collect", .. collect, "--episodes", "3", "--steps", "24", "--out", data]));
        Check(OrreryProcess.Run("train", "--data", data, "--preset", "tiny", "--steps", "4", "--out", Path.Combine(Dir, "run")));
        Model = Path.Combine(Dir, "run", "checkpoint");
    }

    public string Dir { get; }

    public string Model { get; }

    private static void Check(CliRun run)
    {
        if (run.ExitCode != 0) throw new InvalidOperationException($"fixture command failed ({run.ExitCode}): {run.Stderr}");
    }

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}

[Collection(OrreryProcessCollection.Name)]
public sealed class EvalCommandTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public void Rollout_npy_holds_every_frame_with_the_truth_beside_it_and_json_gives_per_frame_psnr()
    {
        var output = Path.Combine(tiny.Dir, "r.npy");
        var run = OrreryProcess.Run("rollout", "--model", tiny.Model, "--world", "0", "--seed", "2", "--policy", "random",
                                    "--frames", "12", "--context", "3", "--out", output, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var model = NpyFile.Read(output);
        var truth = NpyFile.Read(Path.Combine(tiny.Dir, "r.truth.npy"));
        Assert.Equal(new long[] { 12, 64, 64, 3 }, model.Shape);
        Assert.Equal(model.Shape, truth.Shape);
        var frame = 64 * 64 * 3;
        Assert.Equal(truth.Data.AsSpan(0, 3 * frame).ToArray(), model.Data.AsSpan(0, 3 * frame).ToArray());   // the real context
        var psnr = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("psnr").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(12, psnr.Length);
        Assert.All(psnr.Take(3), p => Assert.Equal(100.0, p));
    }

    [Fact]
    public void Rollout_to_an_unknown_format_is_a_user_error_naming_the_file()
    {
        var run = OrreryProcess.Run("rollout", "--model", tiny.Model, "--out", "x.avi");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("x.avi", Assert.Single(run.StderrLines));
    }

    [Fact]
    public void Eval_writes_the_json_report_and_a_self_contained_html_page()
    {
        var json = Path.Combine(tiny.Dir, "eval.json");
        var html = Path.Combine(tiny.Dir, "eval.html");
        var run = OrreryProcess.Run("eval", "--model", tiny.Model, "--env", "maze", "--worlds", "0", "--unseen-worlds", "9", "--episodes", "1",
                                    "--horizons", "1,3", "--context", "2", "--stability-frames", "10", "--loop-seconds", "2", "--judge-frames", "8", "--judge-rollouts", "4", "--judge-steps", "20",
                                    "--idm-pairs", "0", "--json", json, "--report", html);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal("orrery.eval/2", root.GetProperty("schema").GetString());
        Assert.Equal(4, root.GetProperty("plausibility").GetProperty("calibration").GetArrayLength());
        Assert.Contains("--worlds 0", root.GetProperty("command").GetString());
        var page = File.ReadAllText(html);
        Assert.Contains("data:image/png;base64,", page);
        Assert.Contains("data:image/gif;base64,", page);
        Assert.DoesNotContain("src=\"http", page);
        Assert.Contains(root.GetProperty("model").GetProperty("weightsSha256").GetString()!, page);
    }
}
