using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

/// <summary>A tiny reach model made through the CLI from expert episodes (its reward and success heads included).</summary>
public sealed class TinyReachModelFixture() : TinyModelFixture("--env", "reach", "--policy", "expert", "--seed", "1");

[Collection(OrreryProcessCollection.Name)]
public sealed class PlanCommandTests(TinyReachModelFixture tiny) : IClassFixture<TinyReachModelFixture>
{
    private static readonly string[] Small = ["--steps", "4", "--candidates", "4", "--elites", "2", "--iterations", "1", "--horizon", "2"];

    [Fact]
    public void Plan_writes_both_planners_success_their_ratio_the_time_per_action_the_settings_and_the_model()
    {
        var json = Path.Combine(tiny.Dir, "plan.json");
        var run = OrreryProcess.Run(["plan", "--model", tiny.Model, "--episodes", "2", "--seed", "3", .. Small, "--json", json]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal("orrery.plan/1", root.GetProperty("schema").GetString());
        Assert.Equal("reach", root.GetProperty("environment").GetString());
        Assert.Equal(4, root.GetProperty("steps").GetInt32());
        Assert.Equal(4, root.GetProperty("planner").GetProperty("candidates").GetInt32());
        Assert.Equal(64, root.GetProperty("model").GetProperty("weightsSha256").GetString()!.Length);
        Assert.True(root.TryGetProperty("successRatio", out _));
        foreach (var side in new[] { "modelPlanner", "truthPlanner" })
        {
            var planner = root.GetProperty(side);
            Assert.Equal(2, planner.GetProperty("episodes").GetInt32());
            Assert.InRange(planner.GetProperty("successRate").GetDouble(), 0, 1);
            var time = planner.GetProperty("secondsPerAction");
            Assert.True(time.GetProperty("mean").GetDouble() > 0);
            Assert.True(time.GetProperty("p95").GetDouble() >= time.GetProperty("p50").GetDouble());
        }
        Assert.Equal("truth-reach", root.GetProperty("truthPlanner").GetProperty("simulator").GetString());
        Assert.Equal(0.92, root.GetProperty("targets").GetProperty("success").GetDouble());
    }

    [Fact]
    public void The_same_seed_executes_the_same_actions()
    {
        string Actions(string name)
        {
            var json = Path.Combine(tiny.Dir, name);
            Assert.Equal(ExitCodes.Ok, OrreryProcess.Run(["plan", "--model", tiny.Model, "--episodes", "1", "--seed", "4", "--planners", "model", .. Small, "--json", json]).ExitCode);
            return JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("modelPlanner").GetProperty("actionsSha256").GetString()!;
        }

        Assert.Equal(Actions("first.json"), Actions("second.json"));
    }

    [Theory]
    [InlineData("--env", "nowhere", "environment 'nowhere' has no planning task; expected one of: reach, push")]
    [InlineData("--env", "push", "the model was trained on 'reach', not on --env push")]
    [InlineData("--episodes", "0", "--episodes: expected a positive number, found 0")]
    [InlineData("--planners", "all", "--planners 'all': expected")]
    public void Bad_input_is_one_line_naming_the_value(string option, string value, string message)
    {
        var run = OrreryProcess.Run("plan", "--model", tiny.Model, option, value);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.StderrLines));
    }
}
