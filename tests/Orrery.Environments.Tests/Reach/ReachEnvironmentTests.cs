using System.Runtime.InteropServices;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.Policies;
using Orrery.Environments.Reach;

namespace Orrery.Environments.Tests.Reach;

public class ReachEnvironmentTests
{
    // sha256 of every frame and every stream value of an episode driven by the smooth random policy
    private static string Run(int seed, int steps, int resolution = 64)
    {
        using var env = new ReachEnvironment(resolution);
        var policy = new SmoothRandomPolicy(ReachEnvironment.Actions);
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

    private static float[] State(Observation observation) => observation.Streams[StreamNames.State];

    private static StepResult Hold(ReachEnvironment env, float shoulder, float elbow, int frames)
    {
        StepResult result = null!;
        for (var i = 0; i < frames; i++) result = env.Step(ActionVector.Continuous(shoulder, elbow));
        return result;
    }

    [Fact]
    public void Same_seed_and_actions_give_identical_frames_and_streams() => Assert.Equal(Run(3, 150), Run(3, 150));

    [Fact]
    public void Different_seeds_give_different_frames_and_streams() => Assert.NotEqual(Run(3, 30), Run(4, 30));

    [Fact]
    public void Resolution_128_is_as_deterministic_as_64() => Assert.Equal(Run(9, 40, 128), Run(9, 40, 128));

    [Fact]
    public void Spec_declares_a_box_of_two_torques_and_three_streams()
    {
        using var env = new ReachEnvironment();
        Assert.Equal("reach", env.Spec.Environment);
        Assert.Equal(24, env.Spec.Fps);
        Assert.Equal(new ObservationSpec(64, 64, 3), env.Spec.Observation);
        var box = Assert.IsType<BoxActionSpace>(env.Spec.Actions);
        Assert.Equal(["shoulder", "elbow"], box.Names);
        Assert.Equal([-1f, -1f], box.Low);
        Assert.Equal([1f, 1f], box.High);
        Assert.Equal([StreamNames.State, StreamNames.Reward, StreamNames.Success], env.Spec.Streams.Select(s => s.Name));
        Assert.Equal([8, 1, 1], env.Spec.Streams.Select(s => s.Size));
        Assert.Equal(env.Spec, ReachEnvironment.SpecFor(64));
        var observation = env.Reset(0);
        Assert.Equal(64 * 64 * 3, observation.Frame.Length);
        Assert.All(env.Spec.Streams, s => Assert.Equal(s.Size, observation.Streams[s.Name].Length));
    }

    [Fact]
    public void Resolutions_other_than_64_and_128_are_refused()
    {
        using var env = new ReachEnvironment(128);
        Assert.Equal(128 * 128 * 3, env.Reset(0).Frame.Length);
        var e = Assert.Throws<OrreryException>(() => new ReachEnvironment(96));
        Assert.Contains("96", e.Message);
        Assert.Contains("64, 128", e.Message);
    }

    [Fact]
    public void Reset_starts_at_rest_with_zero_reward_and_a_reachable_target()
    {
        using var env = new ReachEnvironment();
        var angles = new HashSet<int>();
        for (var seed = 0; seed < 200; seed++)
        {
            var observation = env.Reset(seed);
            var s = State(observation);
            Assert.Equal(0f, observation.Streams[StreamNames.Reward][0]);
            Assert.Equal((0f, 0f), (s[2], s[3]));
            var r = Math.Sqrt(s[6] * s[6] + s[7] * s[7]);
            Assert.InRange(r, ReachEnvironment.TargetMinDistance - 1e-6, ReachEnvironment.TargetMaxDistance + 1e-6);
            Assert.Equal(((float)env.Target.X, (float)env.Target.Y), (s[6], s[7]));
            Assert.Equal(((float)env.Fingertip.X, (float)env.Fingertip.Y), (s[4], s[5]));
            Assert.Equal(0, env.StepCount);
            Assert.Equal(0, env.Time);
            angles.Add((int)Math.Floor(Math.Atan2(s[7], s[6]) / (Math.PI / 4)));
        }
        Assert.Equal(8, angles.Count); // targets all around the shoulder
    }

    [Fact]
    public void Each_frame_is_one_24th_of_a_second_and_the_episode_never_ends_by_itself()
    {
        using var env = new ReachEnvironment();
        env.Reset(1);
        var result = Hold(env, 0.3f, -0.2f, 240);
        Assert.False(result.Done);
        Assert.Equal(10.0, env.Time, 9);
        Assert.Equal(240, result.Info["step"]);

        using var bounded = new ReachEnvironment(maxSteps: 5);
        bounded.Reset(1);
        Assert.False(Hold(bounded, 0, 0, 4).Done);
        Assert.True(Hold(bounded, 0, 0, 1).Done);
    }

    [Fact]
    public void Positive_shoulder_torque_turns_the_arm_counter_clockwise_and_negative_clockwise()
    {
        using var env = new ReachEnvironment();
        foreach (var sign in new[] { 1f, -1f })
        {
            var before = State(env.Teleport(0.4, 1.0, 0.1, 0.1));
            var after = State(Hold(env, sign, 0, 6).Observation);
            Assert.True(sign * (after[0] - before[0]) > 0.1, $"shoulder {before[0]} -> {after[0]} under torque {sign}");
            // the fingertip swings about the shoulder the same way: the z of before x after has the torque's sign
            var cross = before[4] * after[5] - before[5] * after[4];
            Assert.True(sign * cross > 0, $"fingertip ({before[4]}, {before[5]}) -> ({after[4]}, {after[5]}) under torque {sign}");
        }
    }

    [Fact]
    public void Elbow_torque_bends_the_elbow_its_way()
    {
        using var env = new ReachEnvironment();
        foreach (var sign in new[] { 1f, -1f })
        {
            var before = State(env.Teleport(0, 0, 0.1, 0.1));
            var after = State(Hold(env, 0, sign, 6).Observation);
            Assert.True(sign * (after[1] - before[1]) > 0.1, $"elbow {before[1]} -> {after[1]} under torque {sign}");
        }
    }

    [Fact]
    public void Without_torque_a_resting_arm_stays_where_it_is()
    {
        using var env = new ReachEnvironment();
        var before = State(env.Teleport(-1.2, 0.7, 0.1, 0.0));
        var after = State(Hold(env, 0, 0, 24).Observation);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Reward_is_minus_the_distance_and_success_means_within_the_target_radius()
    {
        using var env = new ReachEnvironment();
        var start = env.Teleport(0.5, -0.8, 0, 0);
        var tip = (X: (double)State(start)[4], Y: (double)State(start)[5]);
        foreach (var (offset, solved) in new[] { (0.0, true), (0.01, true), (ReachEnvironment.TargetRadius * 0.9, true), (ReachEnvironment.TargetRadius * 1.1, false), (0.1, false) })
        {
            env.Teleport(0.5, -0.8, tip.X + offset, tip.Y);
            var result = env.Step(ReachEnvironment.Actions.Noop);
            Assert.Equal(-offset, result.Reward, 5);
            Assert.Equal(-env.Distance, result.Reward, 6);
            Assert.Equal(solved ? 1f : 0f, result.Observation.Streams[StreamNames.Success][0]);
            Assert.Equal(env.Distance, (double)result.Info["distance"]);
        }
    }

    [Theory]
    [InlineData(new[] { 0.5f }, "expected 2 numbers")]
    [InlineData(new[] { 0.5f, 0.5f, 0.5f }, "found 3")]
    [InlineData(new[] { float.NaN, 0f }, "NaN")]
    [InlineData(new[] { 0f, float.PositiveInfinity }, "Infinity")]
    [InlineData(new[] { 1.5f, 0f }, "1.5")]
    [InlineData(new[] { 0f, -1.01f }, "-1.01")]
    public void Bad_actions_are_refused_naming_the_value(float[] values, string named)
    {
        using var env = new ReachEnvironment();
        var before = State(env.Reset(2));
        var e = Assert.Throws<OrreryException>(() => env.Step(ActionVector.Continuous(values)));
        Assert.Contains(named, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(0, env.StepCount);
        Assert.Equal(before, State(env.Step(ReachEnvironment.Actions.Noop).Observation)); // a resting arm, untouched by the refused action
    }

    [Fact]
    public void Unknown_and_discrete_actions_are_refused()
    {
        using var env = new ReachEnvironment();
        Assert.Throws<OrreryException>(() => env.Step(ActionVector.Unknown));
        Assert.Contains("expected 2 numbers", Assert.Throws<OrreryException>(() => env.Step(ActionVector.Discrete(1))).Message);
    }
}
