using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

[Collection(OrreryProcessCollection.Name)]
public sealed class EnvsCommandTests
{
    [Fact]
    public void Json_lists_maze_with_its_7_actions_noop_first_and_reach_as_a_box_of_2_with_streams()
    {
        var run = OrreryProcess.Run("envs", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var all = doc.RootElement.GetProperty("environments").EnumerateArray().ToArray();
        var maze = Assert.Single(all, e => e.GetProperty("name").GetString() == "maze").GetProperty("spec");
        Assert.Equal("discrete", maze.GetProperty("actions").GetProperty("kind").GetString());
        var actions = maze.GetProperty("actions").GetProperty("names").EnumerateArray().Select(a => a.GetString()).ToArray();
        Assert.Equal(7, actions.Length);
        Assert.Equal("noop", actions[0]);
        Assert.Equal("noop", maze.GetProperty("actions").GetProperty("noopName").GetString());
        Assert.Equal(actions.Length, actions.Distinct().Count());
        Assert.True(maze.GetProperty("fps").GetInt32() > 0);

        var reach = Assert.Single(all, e => e.GetProperty("name").GetString() == "reach").GetProperty("spec");
        var box = reach.GetProperty("actions");
        Assert.Equal("box", box.GetProperty("kind").GetString());
        Assert.Equal([-1f, -1f], box.GetProperty("low").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal([1f, 1f], box.GetProperty("high").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(["state", "reward", "success"], reach.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
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
