using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

[Collection(OrreryProcessCollection.Name)]
public sealed class TrainCommandTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public void From_fine_tunes_a_checkpoint_without_a_tokenizer_stage_and_names_its_parent()
    {
        var run = Path.Combine(tiny.Dir, "fine-tuned");
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--from", tiny.Model, "--steps", "3",
                                       "--set", "train.tokenizerTimeShare=0", "--set", "train.rolloutFraction=0.5", "--out", run, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "checkpoint", "manifest.json"))).RootElement;
        var parent = JsonDocument.Parse(File.ReadAllText(Path.Combine(tiny.Model, "manifest.json"))).RootElement;
        Assert.Equal(0, manifest.GetProperty("tokenizerSteps").GetInt64());
        Assert.Equal(3, manifest.GetProperty("dynamicsSteps").GetInt64());
        Assert.Equal(parent.GetProperty("weightsSha256").GetString(), manifest.GetProperty("initializedFromSha256").GetString());
        Assert.Equal(0.5, manifest.GetProperty("config").GetProperty("train").GetProperty("rolloutFraction").GetDouble());
    }

    [Fact]
    public void Stop_at_step_saves_a_checkpoint_that_resume_continues()
    {
        var run = Path.Combine(tiny.Dir, "chunked");
        string[] common = ["train", "--data", Path.Combine(tiny.Dir, "data"), "--preset", "tiny", "--out", run, "--json"];

        var first = OrreryProcess.Run([.. common, "--steps", "6", "--stop-at-step", "2"]);
        Assert.Equal(ExitCodes.Interrupted, first.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(first.Stdout).RootElement.GetProperty("steps").GetInt64());
        var rest = OrreryProcess.Run([.. common, "--resume"]);   // the saved plan holds the 6 steps
        Assert.True(rest.ExitCode == ExitCodes.Ok, rest.Stderr);
        Assert.Equal(6, JsonDocument.Parse(rest.Stdout).RootElement.GetProperty("steps").GetInt64());
        Assert.Contains("train: 6/6 steps", rest.Stderr);
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.0, false)]
    public void A_run_whose_training_rollouts_sample_says_so(double temperature, bool noted)
    {
        var run = Path.Combine(tiny.Dir, $"rollout-temperature-{temperature}");
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--preset", "tiny", "--steps", "2", "--out", run,
                                       "--set", "dynamics.head=categorical", "--set", "tokenizer.latentChannels=4", "--set", "tokenizer.levels=8,5,5,5",
                                       "--set", "train.rolloutFraction=0.5", "--set", FormattableString.Invariant($"dynamics.sampleTemperature={temperature}"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        var stderr = string.Join(' ', result.StderrLines);   // the terminal wraps long notes
        Assert.Equal(noted, stderr.Contains("note: training rollouts (train.rolloutFraction 0.5) sample at dynamics.sampleTemperature 1"));
    }

    [Fact]
    public void From_and_resume_together_are_one_clear_error()
    {
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--from", tiny.Model, "--resume", "--out", Path.Combine(tiny.Dir, "both"));

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("--from", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void Fresh_without_from_is_one_clear_error_and_writes_nothing()
    {
        var run = Path.Combine(tiny.Dir, "fresh-alone");
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--preset", "tiny", "--fresh", "head.", "--out", run);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal("error: --fresh head.: only a fine-tune (--from) starts tensors fresh", Assert.Single(result.StderrLines));
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void A_fresh_prefix_that_names_no_tensor_is_one_clear_error_and_leaves_no_run_folder()
    {
        var run = Path.Combine(tiny.Dir, "fresh-typo");
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--from", tiny.Model, "--fresh", "nosuch.", "--steps", "3", "--out", run);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.StartsWith("error: --fresh nosuch.:", Assert.Single(result.StderrLines, l => l.StartsWith("error:")));
        Assert.DoesNotContain(" at Orrery.", result.Stderr);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void A_stop_step_below_1_is_one_clear_error_and_writes_nothing()
    {
        var run = Path.Combine(tiny.Dir, "stop-zero");
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--preset", "tiny", "--steps", "4", "--stop-at-step", "0", "--out", run);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("--stop-at-step 0", Assert.Single(result.StderrLines));
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void An_unknown_head_from_a_checkpoint_is_one_clear_error_and_writes_nothing()
    {
        var run = Path.Combine(tiny.Dir, "bad-head");
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--from", tiny.Model, "--steps", "3",
                                       "--set", "dynamics.head=diffusion", "--out", run);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("dynamics.head='diffusion'", Assert.Single(result.StderrLines));
        Assert.DoesNotContain("note:", result.Stderr);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Rollouts_longer_than_every_episode_are_one_clear_error_and_write_nothing()
    {
        var run = Path.Combine(tiny.Dir, "too-long");
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--preset", "tiny", "--steps", "3",
                                       "--set", "train.rolloutExtraFrames=1000", "--out", run);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("train.rolloutExtraFrames", Assert.Single(result.StderrLines));
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void From_a_missing_checkpoint_names_the_folder()
    {
        var missing = Path.Combine(tiny.Dir, "no-such-model");
        var result = OrreryProcess.Run("train", "--data", Path.Combine(tiny.Dir, "data"), "--from", missing, "--out", Path.Combine(tiny.Dir, "missing"));

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains(missing, Assert.Single(result.StderrLines));
    }

    [Theory]
    [InlineData(15)]   // SIGTERM, what a scheduler sends
    [InlineData(2)]    // SIGINT, Ctrl-C
    public void A_stop_signal_saves_a_checkpoint_and_a_resumable_state(int signal)
    {
        var run = Path.Combine(tiny.Dir, $"signalled-{signal}");
        var result = OrreryProcess.RunAndSignal(signal, "training on", "train", "--data", Path.Combine(tiny.Dir, "data"), "--preset", "tiny",
                                                "--steps", "100000", "--out", run);

        Assert.True(result.ExitCode == ExitCodes.Interrupted, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("continue with the same command plus --resume", result.Stderr);
        Assert.True(File.Exists(Path.Combine(run, "train-state", "state.json")), result.Stderr);
        Assert.True(File.Exists(Path.Combine(run, "checkpoint", "manifest.json")), result.Stderr);
    }
}
