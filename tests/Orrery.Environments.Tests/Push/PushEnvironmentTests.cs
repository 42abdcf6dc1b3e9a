using System.Runtime.InteropServices;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.Policies;
using Orrery.Environments.Push;

namespace Orrery.Environments.Tests.Push;

public class PushEnvironmentTests
{
    // sha256 of every frame and every stream value of an episode driven by the smooth random policy
    private static string Run(PushEnvironment env, int seed, int steps)
    {
        var policy = new SmoothRandomPolicy(PushEnvironment.Actions);
        policy.Reset(seed);
        var bytes = new List<byte>();
        var observation = env.Reset(seed);
        for (var i = 0; ; i++)
        {
            bytes.AddRange(observation.Frame);
            foreach (var name in new[] { StreamNames.State, StreamNames.Reward, StreamNames.Success })
                bytes.AddRange(MemoryMarshal.AsBytes(observation.Streams[name].AsSpan()).ToArray());
            if (i == steps) return Checksums.Sha256(bytes.ToArray());
            observation = env.Step(policy.Act(observation, i)).Observation;
        }
    }

    private static string Run(int seed, int steps, int resolution = 64)
    {
        using var env = new PushEnvironment(resolution);
        return Run(env, seed, steps);
    }

    private static float[] State(Observation observation) => observation.Streams[StreamNames.State];

    private static StepResult Hold(PushEnvironment env, float x, float y, int frames)
    {
        StepResult result = null!;
        for (var i = 0; i < frames; i++) result = env.Step(ActionVector.Continuous(x, y));
        return result;
    }

    [Fact]
    public void Same_seed_and_actions_give_identical_frames_and_streams() => Assert.Equal(Run(3, 150), Run(3, 150));

    [Fact]
    public void An_episode_replays_identically_after_other_episodes_on_the_same_environment()
    {
        using var env = new PushEnvironment();
        var fresh = Run(env, 3, 100);
        Run(env, 5, 100);
        Assert.Equal(fresh, Run(env, 3, 100));
    }

    [Fact]
    public void Different_seeds_give_different_frames_and_streams() => Assert.NotEqual(Run(3, 30), Run(4, 30));

    [Fact]
    public void Resolution_96_is_as_deterministic_as_64() => Assert.Equal(Run(9, 40, 96), Run(9, 40, 96));

    [Fact]
    public void Spec_declares_a_box_of_two_target_coordinates_and_three_named_streams()
    {
        using var env = new PushEnvironment();
        Assert.Equal("push", env.Spec.Environment);
        Assert.Equal(24, env.Spec.Fps);
        Assert.Equal(new ObservationSpec(64, 64, 3), env.Spec.Observation);
        var box = Assert.IsType<BoxActionSpace>(env.Spec.Actions);
        Assert.Equal(["target_x", "target_y"], box.Names);
        Assert.Equal([-1f, -1f], box.Low);
        Assert.Equal([1f, 1f], box.High);
        Assert.Equal([StreamNames.State, StreamNames.Reward, StreamNames.Success], env.Spec.Streams.Select(s => s.Name));
        Assert.Equal(["pusher_x", "pusher_y", "block_x", "block_y", "block_sin", "block_cos"], env.Spec.Streams[0].Fields);
        Assert.Equal([6, 1, 1], env.Spec.Streams.Select(s => s.Size));
        Assert.Equal(env.Spec, PushEnvironment.SpecFor(64));
        var observation = env.Reset(0);
        Assert.Equal(64 * 64 * 3, observation.Frame.Length);
        Assert.All(env.Spec.Streams, s => Assert.Equal(s.Size, observation.Streams[s.Name].Length));
    }

    [Fact]
    public void Resolutions_other_than_64_and_96_are_refused()
    {
        using var env = new PushEnvironment(96);
        Assert.Equal(96 * 96 * 3, env.Reset(0).Frame.Length);
        var e = Assert.Throws<OrreryException>(() => new PushEnvironment(128));
        Assert.Contains("128", e.Message);
        Assert.Contains("64, 96", e.Message);
    }

    [Fact]
    public void Reset_puts_the_pusher_at_the_centre_and_the_block_anywhere_clear_of_it_and_off_the_goal()
    {
        using var env = new PushEnvironment();
        var quadrants = new HashSet<(bool, bool)>();
        var headings = new HashSet<int>();
        for (var seed = 0; seed < 200; seed++)
        {
            var observation = env.Reset(seed);
            var s = State(observation);
            Assert.Equal((0f, 0f), (s[0], s[1]));
            Assert.Equal(0f, observation.Streams[StreamNames.Reward][0]);
            Assert.Equal(0f, observation.Streams[StreamNames.Success][0]);
            Assert.InRange(s[2], -PushEnvironment.StartRange, PushEnvironment.StartRange);
            Assert.InRange(s[3], -PushEnvironment.StartRange, PushEnvironment.StartRange);
            Assert.Equal(1, s[4] * s[4] + s[5] * s[5], 5);
            var (x, y) = TeeShape.ToBlock(env.Block, 0, 0);
            Assert.True(TeeShape.Distance(x, y) >= PushTable.PusherRadius + PushEnvironment.StartClearance - 1e-9, $"seed {seed}: the T touches the pusher");
            Assert.Equal(0, env.StepCount);
            Assert.Equal(0, env.Time);
            quadrants.Add((s[2] > 0, s[3] > 0));
            headings.Add((int)Math.Floor((Math.Atan2(s[4], s[5]) + Math.PI) / (Math.PI / 2)));
        }
        Assert.Equal(4, quadrants.Count);
        Assert.Equal(4, headings.Count);
    }

    [Fact]
    public void Each_frame_is_one_24th_of_a_second_and_the_episode_never_ends_by_itself()
    {
        using var env = new PushEnvironment();
        env.Reset(1);
        var result = Hold(env, 0, 0, 240);
        Assert.False(result.Done);
        Assert.Equal(10.0, env.Time, 9);
        Assert.Equal(240, result.Info["step"]);

        using var bounded = new PushEnvironment(maxSteps: 5);
        bounded.Reset(1);
        Assert.False(Hold(bounded, 0, 0, 4).Done);
        Assert.True(Hold(bounded, 0, 0, 1).Done);
    }

    [Fact]
    public void The_pusher_glides_to_its_target_within_a_second_and_stays_there()
    {
        using var env = new PushEnvironment();
        env.Teleport(0, 0, new BlockPose(0.15, -0.15, 0));
        var s = State(Hold(env, -0.8f, 0.6f, 24).Observation);
        Assert.Equal(-0.8 * PushTable.TargetReach, s[0], 3);
        Assert.Equal(0.6 * PushTable.TargetReach, s[1], 3);
        var later = State(Hold(env, -0.8f, 0.6f, 24).Observation);
        Assert.Equal(s[0], later[0], 4);
        Assert.Equal(s[1], later[1], 4);
    }

    [Fact]
    public void The_pusher_moves_at_most_three_centimetres_a_frame()
    {
        // each axis's servo is capped at 0.5 m/s, so a diagonal glide makes 0.71 m/s: 2.9 cm a frame
        using var env = new PushEnvironment();
        env.Teleport(-0.2, -0.2, new BlockPose(0.15, -0.15, 0));
        var before = env.Pusher;
        for (var i = 0; i < 30; i++)
        {
            env.Step(ActionVector.Continuous(1f, 1f));
            var moved = Math.Sqrt(Math.Pow(env.Pusher.X - before.X, 2) + Math.Pow(env.Pusher.Y - before.Y, 2));
            Assert.True(moved <= 0.03, $"frame {i}: the pusher jumped {moved:F4} m");
            before = env.Pusher;
        }
    }

    [Fact]
    public void A_push_through_the_centre_moves_the_block_along_without_turning_it_and_friction_stops_it()
    {
        using var env = new PushEnvironment();
        // down onto the middle of the bar's top face, on the T's axis of symmetry through its centre
        env.Teleport(0, 0.15, new BlockPose(0, 0, 0));
        Hold(env, 0, -0.4f, 48);                  // target y = -0.088: the pusher's rim ends at -0.108
        var block = env.Block;
        Assert.InRange(block.Y, -0.16, -0.12);    // the bar's top face, 0.041 above the centre, under the rim
        Assert.Equal(0, block.X, 3);
        Assert.Equal(0, block.Angle, 2);
        Hold(env, 0, -0.4f, 12);
        Assert.Equal(block.Y, env.Block.Y, 3);    // at rest again
    }

    [Fact]
    public void A_push_off_the_centre_turns_the_block()
    {
        using var env = new PushEnvironment();
        // pushing the bar's underside near its right end, upward, turns the T counter-clockwise
        var barUnderside = TeeShape.Bar.CentreY - TeeShape.Bar.HalfHeight;
        env.Teleport(0.05, barUnderside - 0.05, new BlockPose(0, 0, 0));
        Hold(env, 0.05f / (float)PushTable.TargetReach, 0.1f / (float)PushTable.TargetReach, 24);
        Assert.True(env.Block.Angle > 0.2, $"angle {env.Block.Angle:F3}");
    }

    [Fact]
    public void The_walls_keep_the_block_on_the_table()
    {
        using var env = new PushEnvironment();
        env.Teleport(-0.15, 0, new BlockPose(0, 0, 0));
        Hold(env, 1, 0, 96);
        Assert.All(TeeShape.Corners, c => Assert.True(TeeShape.ToTable(env.Block, c.X, c.Y).X <= PushTable.HalfWidth + 0.005));
    }

    [Fact]
    public void Reward_is_minus_the_mean_corner_distance_and_success_means_within_both_tolerances()
    {
        using var env = new PushEnvironment();
        var goal = PushEnvironment.Goal;
        var cases = new[]
        {
            (Pose: goal, Solved: true),
            (Pose: goal with { X = goal.X + PushEnvironment.PositionTolerance * 0.9 }, Solved: true),
            (Pose: goal with { Angle = goal.Angle - PushEnvironment.AngleTolerance * 0.9 }, Solved: true),
            (Pose: goal with { Y = goal.Y + PushEnvironment.PositionTolerance * 1.1 }, Solved: false),
            (Pose: goal with { Angle = goal.Angle + PushEnvironment.AngleTolerance * 1.1 }, Solved: false),
            (Pose: goal with { Angle = goal.Angle + 2 * Math.PI }, Solved: true),
        };
        foreach (var (pose, solved) in cases)
        {
            env.Teleport(0.2, 0.2, pose);
            var result = env.Step(ActionVector.Continuous(1, 1));
            Assert.Equal(-PushEnvironment.CornerDistance(env.Block), result.Reward, 6);
            Assert.Equal(solved ? 1f : 0f, result.Observation.Streams[StreamNames.Success][0]);
            Assert.Equal(env.PositionError, (double)result.Info["position_error"]);
        }
        Assert.Equal(0, PushEnvironment.CornerDistance(goal), 12);
        // a shift moves every corner by the shift; a half turn about the centre moves them by twice their radius on average
        Assert.Equal(0.05, PushEnvironment.CornerDistance(goal with { X = 0.03, Y = 0.04 }), 12);
        Assert.Equal(TeeShape.Corners.Average(c => 2 * Math.Sqrt(c.X * c.X + c.Y * c.Y)), PushEnvironment.CornerDistance(goal with { Angle = goal.Angle + Math.PI }), 12);
    }

    [Theory]
    [InlineData(new[] { 0.5f }, "expected 2 numbers")]
    [InlineData(new[] { 0.5f, 0.5f, 0.5f }, "found 3")]
    [InlineData(new[] { float.NaN, 0f }, "NaN")]
    [InlineData(new[] { 0f, float.NegativeInfinity }, "Infinity")]
    [InlineData(new[] { 1.5f, 0f }, "1.5")]
    [InlineData(new[] { 0f, -1.01f }, "-1.01")]
    public void Bad_actions_are_refused_in_one_line_naming_the_value(float[] values, string named)
    {
        using var env = new PushEnvironment();
        var before = State(env.Reset(2));
        var e = Assert.Throws<OrreryException>(() => env.Step(ActionVector.Continuous(values)));
        Assert.Contains(named, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(0, env.StepCount);
        Assert.Equal(before, State(env.Step(PushEnvironment.Actions.Noop).Observation)); // the no-op holds the pusher at the centre
    }

    [Fact]
    public void Unknown_and_discrete_actions_are_refused()
    {
        using var env = new PushEnvironment();
        Assert.Throws<OrreryException>(() => env.Step(ActionVector.Unknown));
        Assert.Contains("expected 2 numbers", Assert.Throws<OrreryException>(() => env.Step(ActionVector.Discrete(1))).Message);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 0.0, 0.0)]            // the pusher inside the T
    [InlineData(0.3, 0.0, 0.1, 0.1, 0.0)]            // the pusher out of the servo's reach
    [InlineData(0.0, 0.0, 0.22, 0.1, 0.0)]           // the T through the wall
    [InlineData(double.NaN, 0.0, 0.1, 0.1, 0.0)]
    public void Impossible_placements_are_refused_in_one_line(double pusherX, double pusherY, double x, double y, double angle)
    {
        using var env = new PushEnvironment();
        var e = Assert.Throws<OrreryException>(() => env.Teleport(pusherX, pusherY, new BlockPose(x, y, angle)));
        Assert.Contains("cannot place", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
