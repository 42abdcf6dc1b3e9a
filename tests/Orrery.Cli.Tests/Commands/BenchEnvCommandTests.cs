using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

[Collection(OrreryProcessCollection.Name)]
public sealed class BenchEnvCommandTests
{
    [Fact]
    public void An_unknown_env_is_a_user_error_on_one_stderr_line_naming_the_value_without_a_stack_trace()
    {
        var run = OrreryProcess.Run("bench", "env", "--env", "nope", "--frames", "10");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("'nope'", line);
        Assert.Contains("maze", line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_long_user_error_is_still_one_line_on_a_redirected_stderr()
    {
        var name = "no-such-environment-" + new string('x', 120);

        var run = OrreryProcess.Run("bench", "env", "--env", name, "--frames", "10");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains(name, Assert.Single(run.StderrLines));
    }

    [Fact]
    public void Non_positive_frames_is_a_user_error_naming_the_option()
    {
        var run = OrreryProcess.Run("bench", "env", "--frames", "0");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("--frames", Assert.Single(run.StderrLines));
    }

    [Fact]
    public void Json_report_names_the_env_and_counts_the_frames_stepped()
    {
        var run = OrreryProcess.Run("bench", "env", "--env", "maze", "--frames", "50", "--resolution", "64", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var report = doc.RootElement;
        Assert.Equal("maze", report.GetProperty("env").GetString());
        Assert.Equal(50, report.GetProperty("frames").GetInt32());
        Assert.Equal(64, report.GetProperty("resolution").GetInt32());
        Assert.True(report.GetProperty("framesPerSecond").GetDouble() > 0);
    }
}
