using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Environments.Maze;

namespace Orrery.Environments.Tests.Maze;

public class MazeEnvironmentTests
{
    private static string Run(int world, int seed, int steps)
    {
        var env = new MazeEnvironment(world);
        var frames = new List<byte>(env.Reset(seed).Frame);
        for (var i = 0; i < steps; i++) frames.AddRange(env.Step(ActionVector.Discrete(1 + i / 7 % 6)).Frame);
        return Checksums.Sha256(frames.ToArray());
    }

    [Fact]
    public void Same_seed_gives_identical_frames() => Assert.Equal(Run(0, 3, 120), Run(0, 3, 120));

    [Fact]
    public void Different_seeds_give_different_frames() => Assert.NotEqual(Run(0, 3, 30), Run(0, 4, 30));

    [Fact]
    public void Different_worlds_give_different_frames() => Assert.NotEqual(Run(0, 3, 30), Run(1, 3, 30));

    [Fact]
    public void Walking_into_walls_never_enters_a_wall_tile()
    {
        var env = new MazeEnvironment(0);
        for (var seed = 0; seed < 4; seed++)
        {
            env.Reset(seed);
            for (var i = 0; i < 400; i++)
            {
                // mostly forward, with an occasional turn or strafe so it hits walls at many angles
                var action = i % 37 == 0 ? MazeActions.TurnRight : i % 53 == 0 ? MazeActions.StrafeLeft : MazeActions.Forward;
                env.Step(Act(action));
                var p = env.Pose;
                Assert.False(env.IsWall(p.CellX, p.CellY), $"agent inside wall at {p}");
                foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
                {
                    var r = MazeEnvironment.AgentRadius * 0.99;
                    Assert.False(env.IsWall((int)Math.Floor(p.X + dx * r), (int)Math.Floor(p.Y + dy * r)), $"agent closer than its radius to a wall at {p}");
                }
            }
        }
    }

    [Fact]
    public void Forward_moves_and_turning_changes_heading()
    {
        var env = new MazeEnvironment(0);
        env.Reset(0);
        var before = env.Pose;
        env.Step(Act(MazeActions.TurnRight));
        Assert.Equal(before.Heading + env.TurnStep, env.Pose.Heading, 9);
        Assert.Equal((before.X, before.Y), (env.Pose.X, env.Pose.Y));

        // a free cell: turn until the tile ahead is open, then one forward step moves 0.12 cell along the heading
        for (var i = 0; i < MazeActions.HeadingSteps && Blocked(env); i++) env.Step(Act(MazeActions.TurnRight));
        var start = env.Pose;
        env.Step(Act(MazeActions.Forward));
        Assert.Equal(start.X + Math.Cos(start.Heading) * MazeActions.ForwardStep, env.Pose.X, 9);
        Assert.Equal(start.Y + Math.Sin(start.Heading) * MazeActions.ForwardStep, env.Pose.Y, 9);
        Assert.Equal(start.Heading, env.Pose.Heading, 9);
    }

    private static bool Blocked(MazeEnvironment env)
    {
        var p = env.Pose;
        var reach = MazeActions.ForwardStep + MazeEnvironment.AgentRadius + 0.05;
        return env.IsWall((int)Math.Floor(p.X + Math.Cos(p.Heading) * reach), (int)Math.Floor(p.Y + Math.Sin(p.Heading) * reach));
    }

    private static ActionVector Act(int index) => ActionVector.Discrete(index);

    [Fact]
    public void A_full_turn_returns_the_exact_same_frame()
    {
        var env = new MazeEnvironment(2);
        var first = env.Reset(7).Frame;
        byte[] last = first;
        for (var i = 0; i < MazeActions.HeadingSteps; i++) last = env.Step(Act(MazeActions.TurnLeft)).Frame;
        Assert.Equal(first, last);
        for (var i = 0; i < MazeActions.HeadingSteps; i++) last = env.Step(Act(MazeActions.TurnRight)).Frame;
        Assert.Equal(first, last);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    public void Frames_have_the_size_of_the_resolution(int resolution)
    {
        var env = new MazeEnvironment(0, resolution);
        Assert.Equal(resolution * resolution * 3, env.Reset(0).Frame.Length);
        Assert.Equal(resolution * resolution * 3, env.Step(Act(MazeActions.Forward)).Frame.Length);
        Assert.Equal(resolution * resolution * 3, env.Spec.Observation.FrameBytes);
    }

    [Fact]
    public void Unknown_resolution_is_a_user_error()
    {
        var e = Assert.Throws<OrreryException>(() => new MazeEnvironment(0, 100));
        Assert.Contains("100", e.Message);
    }

    [Fact]
    public void Unknown_action_is_a_user_error()
    {
        var env = new MazeEnvironment(0);
        var e = Assert.Throws<OrreryException>(() => env.Step(Act(7)));
        Assert.Contains("7", e.Message);
        Assert.Throws<OrreryException>(() => env.Step(ActionVector.Continuous(0.5f)));
        Assert.Throws<OrreryException>(() => env.Step(ActionVector.Unknown));
    }

    [Fact]
    public void Reward_is_paid_once_per_new_tile_and_info_holds_the_pose()
    {
        var env = new MazeEnvironment(0);
        env.Reset(0);
        var total = 0f;
        for (var i = 0; i < 200; i++) total += env.Step(Act(i % 20 < 15 ? MazeActions.Forward : MazeActions.TurnLeft)).Reward;
        Assert.Equal(env.VisitedTiles - 1, (int)total);
        var info = env.Step(Act(MazeActions.Noop)).Info;
        Assert.Equal(env.Pose.X, (double)info["x"]);
        Assert.Equal(new[] { env.Pose.CellX, env.Pose.CellY }, (int[])info["cell"]);
        Assert.False(env.Step(Act(MazeActions.Noop)).Done);
    }

    [Fact]
    public void The_pose_stream_is_where_the_agent_stands_and_faces_and_a_full_turn_returns_it_exactly()
    {
        var env = new MazeEnvironment(0);
        var start = env.Reset(3).Streams[StreamNames.Pose];
        Assert.Equal([(float)env.Pose.X, (float)env.Pose.Y, (float)Math.Cos(env.Pose.Heading), (float)Math.Sin(env.Pose.Heading)], start, (a, b) => Math.Abs(a - b) < 1e-6);
        var turned = env.Step(Act(MazeActions.TurnLeft)).Observation.Streams[StreamNames.Pose];
        Assert.Equal(start[..2], turned[..2]);                                                   // turning does not move
        Assert.NotEqual(start[2..], turned[2..]);
        float[] last = turned;
        for (var i = 1; i < MazeActions.HeadingSteps; i++) last = env.Step(Act(MazeActions.TurnLeft)).Observation.Streams[StreamNames.Pose];
        Assert.Equal(start, last);                                                               // the same view has the same key
    }

    [Fact]
    public void Max_steps_ends_the_episode()
    {
        var env = new MazeEnvironment(0, maxSteps: 3);
        env.Reset(0);
        Assert.False(env.Step(Act(0)).Done);
        Assert.False(env.Step(Act(0)).Done);
        Assert.True(env.Step(Act(0)).Done);
    }

    [Fact]
    public void Teleport_sets_the_pose_and_rejects_walls()
    {
        var env = new MazeEnvironment(0);
        var (x, y) = env.Layout.FreeTiles.First(t => t.X % 2 == 1 && t.Y % 2 == 1 && !env.Landmarks.Pillars.Any(p => (int)p.X == t.X && (int)p.Y == t.Y));
        env.Teleport(x + 0.5, y + 0.5, Math.PI / 2);
        Assert.Equal(new GridPose(x + 0.5, y + 0.5, Math.PI / 2), env.Pose);
        Assert.Equal(12, env.HeadingIndex);
        Assert.Throws<OrreryException>(() => env.Teleport(0.5, 0.5, 0));
    }
}
