using Orrery.Core.Errors;
using Orrery.Environments.Reach;

namespace Orrery.Environments.Tests.Reach;

public class ReachRendererTests
{
    private static readonly byte[] Table = [226, 217, 196], Navy = [34, 52, 120], Blue = [62, 112, 200], Green = [38, 160, 72], Orange = [245, 128, 20];

    private static byte[] Pixel(byte[] frame, int size, (double X, double Y) p)
    {
        var col = (int)((p.X + ReachRenderer.ViewHalfWidth) / (2 * ReachRenderer.ViewHalfWidth) * size);
        var row = (int)((ReachRenderer.ViewHalfWidth - p.Y) / (2 * ReachRenderer.ViewHalfWidth) * size);
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
    [InlineData(128)]
    public void Links_fingertip_and_target_are_drawn_in_their_own_colours_on_a_plain_table(int size)
    {
        var renderer = new ReachRenderer(size);
        var frame = new byte[renderer.FrameBytes];
        (double X, double Y) shoulder = (0, 0), elbow = (0.12, 0), tip = (0.12, 0.12), target = (-0.12, -0.1);
        renderer.Render(shoulder, elbow, tip, target, frame);
        Assert.Equal(Table, Pixel(frame, size, (-0.25, 0.25)));                      // a corner of the table
        Assert.Equal(Navy, Pixel(frame, size, (0.06, 0)));                            // the upper arm's middle
        Assert.Equal(Blue, Pixel(frame, size, (0.12, 0.06)));                         // the forearm's middle
        Assert.Equal(Orange, Pixel(frame, size, tip));
        Assert.Equal(Green, Pixel(frame, size, target));
        // each shape covers whole pixels of its colour, at least a few at 64x64, and the rest is table or blends
        var scale = size / 64 * (size / 64);
        Assert.InRange(Count(frame, Navy), 8 * scale, 80 * scale);
        Assert.InRange(Count(frame, Blue), 8 * scale, 80 * scale);
        Assert.InRange(Count(frame, Orange), 4 * scale, 30 * scale);
        Assert.InRange(Count(frame, Green), 12 * scale, 60 * scale);
        Assert.True(Count(frame, Table) > size * size * 8 / 10);
    }

    [Fact]
    public void The_target_stays_visible_under_the_arm_and_the_fingertip_on_top_of_it()
    {
        var renderer = new ReachRenderer(64);
        var frame = new byte[renderer.FrameBytes];
        renderer.Render((0, 0), (0.12, 0), (0.2, 0.05), (0.06, 0), frame);
        Assert.Equal(Green, Pixel(frame, 64, (0.06, 0)));
        renderer.Render((0, 0), (0.12, 0), (0.2, 0.05), (0.2, 0.05), frame);
        Assert.Equal(Orange, Pixel(frame, 64, (0.2, 0.05)));
        // a ring of target around the fingertip, under a pixel wide at 64x64: blended, but green before anything else
        var ring = Pixel(frame, 64, (0.2 + ReachEnvironment.TargetRadius * 0.85, 0.05));
        Assert.True(ring[1] > ring[0] + 40 && ring[1] > ring[2] + 40, $"ring pixel [{string.Join(", ", ring)}]");
    }

    [Fact]
    public void Rendering_the_same_poses_twice_gives_the_same_bytes()
    {
        var renderer = new ReachRenderer(64);
        byte[] a = new byte[renderer.FrameBytes], b = new byte[renderer.FrameBytes];
        renderer.Render((0, 0), (0.05, 0.11), (-0.07, 0.13), (0.1, -0.03), a);
        renderer.Render((0, 0), (0.05, 0.11), (-0.07, 0.13), (0.1, -0.03), b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Unsupported_resolution_is_a_user_error() =>
        Assert.Contains("expected one of: 64, 128", Assert.Throws<OrreryException>(() => new ReachRenderer(256)).Message);
}
