using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Streams;
using Orrery.Environments.Maze;
using Orrery.Environments.Policies;
using Orrery.Environments.Reach;

namespace Orrery.Environments.Tests.Policies;

public class ReachExpertPolicyTests
{
    // 48 frames = 2 s at 24 fps; the expert's slowest of 200 seeds needs about 40
    private const int Budget = 48;

    [Fact]
    public void Reach_policies_are_graded_from_rarely_to_always_successful()
    {
        // success within 60 frames on seeds 0-29, as bench/PolicySuccess.cs counts it (any frame with success 1)
        using var env = new ReachEnvironment();
        double Rate(string name)
        {
            var policy = PolicyRegistry.Create(name, env);
            var solved = 0;
            for (var seed = 0; seed < 30; seed++)
            {
                policy.Reset(seed);
                var observation = env.Reset(seed);
                for (var t = 1; t < 60 && observation.Streams[StreamNames.Success][0] != 1f; t++)
                    observation = env.Step(policy.Act(observation, t - 1)).Observation;
                if (observation.Streams[StreamNames.Success][0] == 1f) solved++;
            }
            return solved / 30.0;
        }

        Assert.InRange(Rate("random"), 0, 0.2);
        Assert.InRange(Rate("expert-weak"), 0.15, 0.5);
        Assert.InRange(Rate("expert-delayed"), 0.4, 0.75);
        Assert.InRange(Rate("expert-noisy"), 0.55, 0.9);
        Assert.Equal(1.0, Rate("expert"));
    }

    [Fact]
    public void Expert_reaches_the_target_in_nearly_every_episode_within_two_seconds_and_stays()
    {
        using var env = new ReachEnvironment();
        var expert = PolicyRegistry.Create("expert", env);
        var reached = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            expert.Reset(seed);
            var observation = env.Reset(seed);
            var arrived = false;
            for (var i = 0; i < Budget; i++)
            {
                var action = ReachEnvironment.Actions.Validate(expert.Act(observation, i));
                observation = env.Step(action).Observation;
                arrived |= observation.Streams[StreamNames.Success][0] == 1f;
            }
            var stayed = observation.Streams[StreamNames.Success][0] == 1f;
            if (arrived && stayed) reached++;
        }
        Assert.True(reached >= 19, $"the expert reached and held {reached} of 20 targets within {Budget} frames");
    }

    [Fact]
    public void Expert_for_an_environment_without_one_is_a_user_error()
    {
        var e = Assert.Throws<OrreryException>(() => PolicyRegistry.Create("expert", new MazeEnvironment(0)));
        Assert.Contains("'maze' has no expert", e.Message);
        Assert.Contains("reach", e.Message);
    }

    [Fact]
    public void Expert_needs_the_state_stream()
    {
        var e = Assert.Throws<OrreryException>(() => ReachExpertPolicy.Expert().Act(new Observation([], StreamValues.Empty), 0));
        Assert.Contains("'state' stream", e.Message);
    }
}
