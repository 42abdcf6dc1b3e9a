using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Streams;
using Orrery.Environments.Policies;
using Orrery.Environments.Push;

namespace Orrery.Environments.Tests.Policies;

public class PushExpertPolicyTests
{
    // 300 frames = 12.5 s, the episode length of the success-rate table; the expert's median is about 70
    private const int Budget = 300;

    private static int Solved(string policyName, IEnumerable<int> seeds)
    {
        using var env = new PushEnvironment();
        var policy = PolicyRegistry.Create(policyName, env);
        var solved = 0;
        foreach (var seed in seeds)
        {
            policy.Reset(seed);
            var observation = env.Reset(seed);
            for (var i = 0; i < Budget; i++)
            {
                observation = env.Step(PushEnvironment.Actions.Validate(policy.Act(observation, i))).Observation;
                if (observation.Streams[StreamNames.Success][0] != 1f) continue;
                solved++;
                break;
            }
        }
        return solved;
    }

    [Fact]
    public void Expert_puts_the_block_on_the_goal_in_nearly_every_episode()
    {
        var solved = Solved("expert", Enumerable.Range(100, 10));
        Assert.True(solved >= 9, $"the expert solved {solved} of 10 episodes within {Budget} frames");
    }

    [Fact]
    public void Expert_stays_still_once_the_block_is_on_the_goal()
    {
        using var env = new PushEnvironment();
        var expert = PolicyRegistry.Create("expert", env);
        var observation = env.Teleport(0.15, 0.15, PushEnvironment.Goal);
        for (var i = 0; i < 48; i++) observation = env.Step(expert.Act(observation, i)).Observation;
        Assert.Equal(1f, observation.Streams[StreamNames.Success][0]);
        Assert.Equal(PushEnvironment.Goal.X, env.Block.X, 6);
        Assert.Equal(PushEnvironment.Goal.Angle, env.Block.Angle, 6);
    }

    [Fact]
    public void Graded_policies_are_registered_for_push_under_their_names()
    {
        using var env = new PushEnvironment();
        Assert.Equal("expert", PolicyRegistry.Create("expert", env).Name);
        Assert.Equal(PolicyRegistry.Push.Noise, Assert.IsType<NoisyPolicy>(PolicyRegistry.Create("expert-noisy", env)).Spread);
        Assert.Equal(PolicyRegistry.Push.Delay, Assert.IsType<DelayedPolicy>(PolicyRegistry.Create("expert-delayed", env)).Delay);
        Assert.Equal("expert-weak", PolicyRegistry.Create("expert-weak", env).Name);
        Assert.IsType<SmoothRandomPolicy>(PolicyRegistry.Create("random", env));
    }

    [Fact]
    public void The_weak_expert_solves_far_fewer_episodes_than_the_expert()
    {
        var seeds = Enumerable.Range(100, 10).ToArray();
        Assert.True(Solved("expert-weak", seeds) <= 4);
    }

    [Fact]
    public void Graded_policies_are_refused_for_a_task_without_an_expert_in_one_line()
    {
        var maze = EnvironmentRegistry.Create("maze", 0);
        foreach (var name in new[] { "expert-noisy", "expert-delayed", "expert-weak" })
        {
            var e = Assert.Throws<OrreryException>(() => PolicyRegistry.Create(name, maze));
            Assert.Contains($"'{name}' exists for: push, reach", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void Expert_needs_the_state_stream()
    {
        var e = Assert.Throws<OrreryException>(() => PushExpertPolicy.Expert().Act(new Observation([], StreamValues.Empty), 0));
        Assert.Contains("'state' stream of 6 floats", e.Message);
    }
}
