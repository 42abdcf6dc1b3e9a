using Orrery.Core.Environments;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.Maze;
using Orrery.Environments.Policies;
using Orrery.Environments.Reach;

namespace Orrery.Environments.Tests.Policies;

public class SmoothRandomPolicyTests
{
    private static readonly Observation Blank = new([], StreamValues.Empty);

    private static float[][] Actions(BoxActionSpace space, int seed, int steps)
    {
        var policy = new SmoothRandomPolicy(space);
        policy.Reset(seed);
        return Enumerable.Range(0, steps).Select(i => space.Validate(policy.Act(Blank, i)).Values.ToArray()).ToArray();
    }

    [Fact]
    public void Actions_stay_in_the_box_and_drift_far_more_smoothly_than_uniform_noise()
    {
        var actions = Actions(ReachEnvironment.Actions, 1, 4000);
        for (var d = 0; d < 2; d++)
        {
            var values = actions.Select(a => (double)a[d]).ToArray();
            Assert.All(values, v => Assert.InRange(v, -1, 1));
            var change = values.Zip(values.Skip(1), (a, b) => Math.Abs(b - a)).Average();
            // independent uniform draws in [-1, 1] change by 2/3 a step on average
            Assert.True(change < 0.25 * 2 / 3.0, $"dimension {d}: mean |change| per step {change:F3}");
            // ... yet the actions wander over the box instead of idling near zero
            var spread = Math.Sqrt(values.Select(v => v * v).Average());
            Assert.InRange(spread, 0.4, 0.8);
            Assert.True(values.Min() < -0.9 && values.Max() > 0.9, $"dimension {d} spans [{values.Min():F2}, {values.Max():F2}]");
        }
    }

    [Fact]
    public void Actions_fill_an_uneven_box_around_its_centre()
    {
        var box = new BoxActionSpace(["throttle", "steer"], [0f, -0.5f], [2f, 0.1f]);
        var actions = Actions(box, 4, 4000);
        Assert.Equal(1.0, actions.Average(a => a[0]), 1);
        Assert.Equal(-0.2, actions.Average(a => a[1]), 1);
        Assert.Contains(actions, a => a[0] == 0f || a[0] == 2f); // clipped into the box, never outside it
    }

    [Fact]
    public void Same_seed_gives_same_actions_and_different_seeds_differ()
    {
        Assert.Equal(Actions(ReachEnvironment.Actions, 5, 300), Actions(ReachEnvironment.Actions, 5, 300));
        Assert.NotEqual(Actions(ReachEnvironment.Actions, 5, 300), Actions(ReachEnvironment.Actions, 6, 300));
    }

    [Fact]
    public void Random_picks_smooth_noise_for_a_box_and_sticky_actions_for_a_discrete_space()
    {
        using var reach = new ReachEnvironment();
        Assert.IsType<SmoothRandomPolicy>(PolicyRegistry.Create("random", reach));
        Assert.IsType<RandomPolicy>(PolicyRegistry.Create("random", new MazeEnvironment(0)));
    }

    [Fact]
    public void Random_torques_swing_the_arm_around()
    {
        using var env = new ReachEnvironment();
        var policy = PolicyRegistry.Create("random", env);
        policy.Reset(2);
        var observation = env.Reset(2);
        double path = 0;
        var (x, y) = env.Fingertip;
        for (var i = 0; i < 240; i++)
        {
            observation = env.Step(policy.Act(observation, i)).Observation;
            path += Math.Sqrt(Math.Pow(env.Fingertip.X - x, 2) + Math.Pow(env.Fingertip.Y - y, 2));
            (x, y) = env.Fingertip;
        }
        // ten seconds of wandering: the fingertip travels metres, not millimetres
        Assert.True(path > 1.0, $"fingertip travelled {path:F3} m");
    }
}
