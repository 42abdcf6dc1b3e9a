using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests;

[Collection(OrreryProcessCollection.Name)]
public sealed class ProgramTests
{
    [Fact]
    public void An_unknown_command_is_a_usage_error_with_exit_code_2()
    {
        var run = OrreryProcess.Run("no-such-command");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no-such-command", run.Stderr);
        Assert.Contains("orrery --help", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error_with_exit_code_2()
    {
        var run = OrreryProcess.Run("envs", "--no-such-option");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--no-such-option", run.Stderr);
    }

    [Fact]
    public void Help_lists_the_stable_commands_and_exits_0()
    {
        var run = OrreryProcess.Run("--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var command in new[] { "doctor", "envs", "bench" })
            Assert.Contains(command, run.Stdout);
    }
}
