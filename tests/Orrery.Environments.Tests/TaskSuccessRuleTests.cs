using Orrery.Core.Streams;
using Orrery.Environments.Policies;

namespace Orrery.Environments.Tests;

/// <summary>
/// A task's success rule read off its state stream (what judges a learned simulator's predicted state) must say what the
/// truth's own success stream says, frame by frame.
/// </summary>
public sealed class TaskSuccessRuleTests
{
    [Theory]
    [InlineData("reach", "expert", 60)]
    [InlineData("reach", "random", 60)]
    [InlineData("push", "expert", 300)]
    [InlineData("push", "expert-noisy", 300)]
    public void The_rule_on_the_state_agrees_with_the_success_stream_on_every_frame(string environment, string policyName, int steps)
    {
        var rule = EnvironmentRegistry.Info(environment).SolvedByState!;
        var env = EnvironmentRegistry.Create(environment, 0);
        using var owned = env as IDisposable;
        var policy = PolicyRegistry.Create(policyName, env);
        var (solved, unsolved) = (0, 0);
        for (var seed = 0; seed < 4; seed++)
        {
            policy.Reset(seed);
            var observation = env.Reset(seed);
            for (var t = 0; t < steps; t++)
            {
                observation = env.Step(policy.Act(observation, t)).Observation;
                var stream = observation.Streams[StreamNames.Success][0] >= 0.5f;
                Assert.Equal(stream, rule(observation.Streams[StreamNames.State]));
                if (stream) solved++;
                else unsolved++;
            }
        }
        Assert.True(unsolved > 0, "no unsolved frame to compare");
        if (policyName == "expert") Assert.True(solved > 0, "the expert never solved the task, so the rule was never tested on success");
    }

    [Fact]
    public void The_maze_has_no_task_to_solve() => Assert.Null(EnvironmentRegistry.Info("maze").SolvedByState);
}
