using Orrery.Environments.Maze;

namespace Orrery.Environments.Tests.Maze;

public class MazeRendererTests
{
    private static bool HasPillarColour(byte[] frame, (byte R, byte G, byte B) colour)
    {
        // Shading scales all channels alike, so a pillar pixel keeps the colour's channel order with a clear margin.
        var hits = 0;
        for (var i = 0; i < frame.Length; i += 3)
        {
            int r = frame[i], g = frame[i + 1], b = frame[i + 2];
            int cr = colour.R, cg = colour.G, cb = colour.B;
            var max = Math.Max(r, Math.Max(g, b));
            if (max < 40) continue;
            // compare normalised colours
            double dr = r / (double)max - cr / (double)Math.Max(cr, Math.Max(cg, cb));
            double dg = g / (double)max - cg / (double)Math.Max(cr, Math.Max(cg, cb));
            double db = b / (double)max - cb / (double)Math.Max(cr, Math.Max(cg, cb));
            if (dr * dr + dg * dg + db * db < 0.01) hits++;
        }
        return hits >= 4;
    }

    [Fact]
    public void Landmarks_are_visible_when_faced()
    {
        var env = new MazeEnvironment(0);
        Assert.True(env.Landmarks.Pillars.Count >= 4);
        foreach (var pillar in env.Landmarks.Pillars)
        {
            // stand in the open neighbour of the pillar's tile and face it
            var (px, py) = ((int)pillar.X, (int)pillar.Y);
            var (nx, ny) = new[] { (px + 1, py), (px - 1, py), (px, py + 1), (px, py - 1) }.First(n => !env.IsWall(n.Item1, n.Item2));
            env.Teleport(nx + 0.5, ny + 0.5, Math.Atan2(py - ny, px - nx));
            Assert.True(HasPillarColour(env.Render(), (pillar.R, pillar.G, pillar.B)), $"pillar at {px},{py} not visible");
        }
    }

    [Fact]
    public void Pillars_behind_a_wall_are_hidden()
    {
        var env = new MazeEnvironment(0);
        var tested = 0;
        foreach (var pillar in env.Landmarks.Pillars)
        {
            var (px, py) = ((int)pillar.X, (int)pillar.Y);
            foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
            {
                // a room two tiles away with a wall between: facing the pillar, the wall fills the view
                if (!env.IsWall(px + dx, py + dy) || env.IsWall(px + 2 * dx, py + 2 * dy)) continue;
                env.Teleport(px + 2 * dx + 0.5, py + 2 * dy + 0.5, Math.Atan2(-dy, -dx));
                Assert.False(HasPillarColour(env.Render(), (pillar.R, pillar.G, pillar.B)), $"pillar at {px},{py} seen through a wall");
                tested++;
            }
        }
        Assert.True(tested > 0);
    }

    [Fact]
    public void Pillars_behind_the_eye_are_not_drawn()
    {
        var env = new MazeEnvironment(0);
        var pillar = env.Landmarks.Pillars[0];
        var (px, py) = ((int)pillar.X, (int)pillar.Y);
        var (nx, ny) = new[] { (px + 1, py), (px - 1, py), (px, py + 1), (px, py - 1) }.First(n => !env.IsWall(n.Item1, n.Item2));
        env.Teleport(nx + 0.5, ny + 0.5, Math.Atan2(ny - py, nx - px));
        Assert.False(HasPillarColour(env.Render(), (pillar.R, pillar.G, pillar.B)));
    }

    [Fact]
    public void Walls_of_different_types_look_different()
    {
        var sums = Enumerable.Range(0, MazeLayout.WallTypes).Select(t => MazeTextures.Texels(t).ToArray()).ToArray();
        for (var a = 0; a < sums.Length; a++)
            for (var b = a + 1; b < sums.Length; b++)
                Assert.NotEqual(sums[a], sums[b]);
    }

    [Fact]
    public void Floor_is_at_the_bottom_and_ceiling_at_the_top()
    {
        var env = new MazeEnvironment(0);
        var frame = env.Reset(0).Frame;
        // bottom row centre is floor (warm: red > blue), top row centre is ceiling (cool: blue > red)
        var bottom = (63 * 64 + 32) * 3;
        var top = 32 * 3;
        Assert.True(frame[bottom] > frame[bottom + 2]);
        Assert.True(frame[top + 2] > frame[top]);
    }
}
