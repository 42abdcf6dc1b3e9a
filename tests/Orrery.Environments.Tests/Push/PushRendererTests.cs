using Orrery.Core.Errors;
using Orrery.Core.Streams;
using Orrery.Environments.Push;

namespace Orrery.Environments.Tests.Push;

public class PushRendererTests
{
    private static readonly byte[] Wall = [120, 100, 80], Table = [226, 217, 196], Goal = [150, 215, 140], Block = [90, 100, 125], Pusher = [245, 128, 20];

    private static byte[] Pixel(byte[] frame, int size, (double X, double Y) p)
    {
        var col = (int)((p.X + PushRenderer.ViewHalfWidth) / (2 * PushRenderer.ViewHalfWidth) * size);
        var row = (int)((PushRenderer.ViewHalfWidth - p.Y) / (2 * PushRenderer.ViewHalfWidth) * size);
        return frame.AsSpan((row * size + col) * 3, 3).ToArray();
    }

    private static int Count(byte[] frame, byte[] colour)
    {
        var n = 0;
        for (var i = 0; i < frame.Length; i += 3)
            if (frame.AsSpan(i, 3).SequenceEqual(colour)) n++;
        return n;
    }

    [Theory]
    [InlineData(64)]
    [InlineData(96)]
    public void Walls_table_goal_block_and_pusher_are_drawn_in_their_own_colours(int size)
    {
        var renderer = new PushRenderer(size);
        var frame = new byte[renderer.FrameBytes];
        var block = new BlockPose(-0.1, 0.1, 0);
        renderer.Render((0.15, -0.15), block, PushEnvironment.Goal, frame);
        Assert.Equal(Wall, Pixel(frame, size, (-0.258, 0)));
        Assert.Equal(Table, Pixel(frame, size, (0.2, 0.2)));
        Assert.Equal(Block, Pixel(frame, size, (block.X, block.Y)));                 // the centre lies on the stem, under the bar
        Assert.Equal(Block, Pixel(frame, size, (block.X - 0.05, block.Y + TeeShape.Bar.CentreY))); // the bar's left arm
        Assert.Equal(Table, Pixel(frame, size, (block.X - 0.05, block.Y - 0.05)));   // beside the stem: the T's notch
        Assert.Equal(Goal, Pixel(frame, size, TeeShape.ToTable(PushEnvironment.Goal, 0, TeeShape.Stem.CentreY)));
        Assert.Equal(Pusher, Pixel(frame, size, (0.15, -0.15)));
        // whole-pixel areas match the shapes' areas: the T is 63 cm^2, the disc 12.6 cm^2, at 0.52 m across the frame
        var pixelArea = Math.Pow(2 * PushRenderer.ViewHalfWidth / size, 2);
        Assert.InRange(Count(frame, Block) * pixelArea, 0.3 * TeeShape.Area, TeeShape.Area);
        Assert.InRange(Count(frame, Goal) * pixelArea, 0.3 * TeeShape.Area, TeeShape.Area);
        Assert.InRange(Count(frame, Pusher) * pixelArea, 0.3 * Math.PI * 0.02 * 0.02, Math.PI * 0.02 * 0.02);
    }

    [Fact]
    public void The_block_covers_the_goal_and_the_pusher_covers_the_block()
    {
        var renderer = new PushRenderer(64);
        var frame = new byte[renderer.FrameBytes];
        var goal = PushEnvironment.Goal;
        renderer.Render((0.2, 0.2), goal, goal, frame);
        Assert.Equal(0, Count(frame, Goal));
        var onBar = TeeShape.ToTable(goal, 0, TeeShape.Bar.CentreY);
        renderer.Render(onBar, goal, goal, frame);
        Assert.Equal(Pusher, Pixel(frame, 64, onBar));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(96)]
    public void The_frame_shows_the_block_where_the_state_stream_says(int size)
    {
        using var env = new PushEnvironment(size);
        for (var seed = 0; seed < 10; seed++)
        {
            var observation = env.Reset(seed);
            var s = observation.Streams[StreamNames.State];
            var pose = new BlockPose(s[2], s[3], Math.Atan2(s[4], s[5]));
            Assert.Equal(Block, Pixel(observation.Frame, size, (pose.X, pose.Y)));
            // the stem's foot, 2 units down the T's own axis, and the bar's two arms
            Assert.Equal(Block, Pixel(observation.Frame, size, TeeShape.ToTable(pose, 0, TeeShape.Stem.CentreY - TeeShape.Unit)));
            Assert.Equal(Block, Pixel(observation.Frame, size, TeeShape.ToTable(pose, 1.5 * TeeShape.Unit, TeeShape.Bar.CentreY)));
            Assert.Equal(Block, Pixel(observation.Frame, size, TeeShape.ToTable(pose, -1.5 * TeeShape.Unit, TeeShape.Bar.CentreY)));
            Assert.Equal(Pusher, Pixel(observation.Frame, size, (s[0], s[1])));
        }
    }

    [Fact]
    public void Rendering_the_same_poses_twice_gives_the_same_bytes()
    {
        var renderer = new PushRenderer(96);
        byte[] a = new byte[renderer.FrameBytes], b = new byte[renderer.FrameBytes];
        renderer.Render((0.05, -0.1), new BlockPose(0.07, 0.02, 1.3), PushEnvironment.Goal, a);
        renderer.Render((0.05, -0.1), new BlockPose(0.07, 0.02, 1.3), PushEnvironment.Goal, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Unsupported_resolution_is_a_user_error() =>
        Assert.Contains("expected one of: 64, 96", Assert.Throws<OrreryException>(() => new PushRenderer(128)).Message);
}
