using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

[Collection(OrreryProcessCollection.Name)]
public sealed class EnvsCommandTests
{
    [Fact]
    public void Json_lists_maze_with_its_7_actions_noop_first()
    {
        var run = OrreryProcess.Run("envs", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var maze = Assert.Single(doc.RootElement.GetProperty("environments").EnumerateArray(),
                                 e => e.GetProperty("name").GetString() == "maze");
        var actions = maze.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToArray();
        Assert.Equal(7, actions.Length);
        Assert.Equal("noop", actions[0]);
        Assert.Equal(actions.Length, actions.Distinct().Count());
        Assert.True(maze.GetProperty("fps").GetInt32() > 0);
    }

    [Fact]
    public void Table_names_maze()
    {
        var run = OrreryProcess.Run("envs");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("maze", run.Stdout);
        Assert.Contains("0:noop", run.Stdout);
    }
}
