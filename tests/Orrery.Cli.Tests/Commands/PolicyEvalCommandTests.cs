using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

[Collection(OrreryProcessCollection.Name)]
public sealed class PolicyEvalCommandTests(TinyReachModelFixture tiny) : IClassFixture<TinyReachModelFixture>
{
    [Fact]
    public void Policy_eval_reports_each_policys_success_in_the_truth_and_the_model_the_correlations_and_a_gif_per_policy()
    {
        var json = Path.Combine(tiny.Dir, "pe.json");
        var html = Path.Combine(tiny.Dir, "pe.html");
        var run = OrreryProcess.Run("policy-eval", "--model", tiny.Model, "--policies", "random,expert", "--episodes", "3", "--seed", "3",
                                    "--steps", "40", "--json", json, "--report", html);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var policies = root.GetProperty("policies").EnumerateArray().ToArray();
        Assert.Equal(["random", "expert"], policies.Select(p => p.GetProperty("name").GetString()));
        // the truth is the real simulator: the expert reaches within 40 frames on every start, as in bench/PolicySuccess
        Assert.Equal(1.0, policies[1].GetProperty("truthSuccess").GetDouble());
        foreach (var p in policies)
        {
            Assert.InRange(p.GetProperty("modelSuccess").GetDouble(), 0, 1);
            Assert.Equal(3, p.GetProperty("truthEpisodes").GetArrayLength());
            Assert.True(p.GetProperty("modelSeconds").GetDouble() > 0);
            Assert.True(File.Exists(Path.Combine(tiny.Dir, $"pe-{p.GetProperty("name").GetString()}.gif")));
        }
        Assert.True(root.GetProperty("summary").TryGetProperty("spearman", out _));
        Assert.Equal("state", root.GetProperty("success").GetString());
        Assert.Contains("truth (left) | model (right)", File.ReadAllText(html));
    }

    [Theory]
    [InlineData("--policies", "teleport", "unknown policy 'teleport'")]
    [InlineData("--policies", "expert-weak,explorer", "policy 'explorer' needs a grid world")]
    [InlineData("--episodes", "0", "--episodes: expected a positive number, found 0")]
    [InlineData("--success", "vibes", "--success 'vibes': expected state or stream")]
    public void Bad_input_is_one_line_naming_the_value(string option, string value, string message)
    {
        var run = OrreryProcess.Run("policy-eval", "--model", tiny.Model, option, value);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.StderrLines));
    }
}
