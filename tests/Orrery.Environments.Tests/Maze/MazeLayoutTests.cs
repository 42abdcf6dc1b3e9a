using Orrery.Environments.Maze;

namespace Orrery.Environments.Tests.Maze;

public class MazeLayoutTests
{
    [Fact]
    public void Layout_has_at_least_8x8_rooms_and_a_closed_border()
    {
        var layout = MazeLayout.Generate(0);
        Assert.True(layout.Width >= 17 && layout.Height >= 17);
        for (var i = 0; i < layout.Width; i++)
        {
            Assert.True(layout.IsWall(i, 0) && layout.IsWall(i, layout.Height - 1));
            Assert.True(layout.IsWall(0, i) && layout.IsWall(layout.Width - 1, i));
        }
        var rooms = layout.FreeTiles.Count(t => t.X % 2 == 1 && t.Y % 2 == 1);
        Assert.True(rooms >= 64, $"{rooms} rooms");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    public void Every_free_tile_is_reachable(int world)
    {
        var layout = MazeLayout.Generate(world);
        var seen = new HashSet<(int, int)> { layout.FreeTiles[0] };
        var queue = new Queue<(int X, int Y)>(seen);
        while (queue.Count > 0)
        {
            var (x, y) = queue.Dequeue();
            foreach (var n in new[] { (x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1) })
                if (!layout.IsWall(n.Item1, n.Item2) && seen.Add(n)) queue.Enqueue(n);
        }
        Assert.Equal(layout.FreeTiles.Count, seen.Count);
    }

    [Fact]
    public void Layout_has_cycles()
    {
        // A tree on V rooms has V-1 openings; a perfect maze on 64 rooms has 127 free tiles, loops add more.
        var layout = MazeLayout.Generate(0);
        Assert.True(layout.FreeTiles.Count > 2 * 64 - 1, $"{layout.FreeTiles.Count} free tiles");
    }

    [Fact]
    public void Different_worlds_give_different_layouts_and_same_world_the_same()
    {
        static string Map(MazeLayout l) => string.Concat(Enumerable.Range(0, l.Width * l.Height).Select(i => l.IsWall(i % l.Width, i / l.Width) ? '#' : '.'));
        Assert.Equal(Map(MazeLayout.Generate(5)), Map(MazeLayout.Generate(5)));
        Assert.NotEqual(Map(MazeLayout.Generate(0)), Map(MazeLayout.Generate(1)));
        Assert.NotEqual(Map(MazeLayout.Generate(1)), Map(MazeLayout.Generate(2)));
    }
}
