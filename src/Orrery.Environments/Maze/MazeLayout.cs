namespace Orrery.Environments.Maze;

/// <summary>
/// The maze's tile grid, generated from a layout seed (the `--world`). A perfect maze of Cells x Cells rooms is
/// carved by a recursive backtracker on a (2n+1) x (2n+1) tile grid (rooms at odd coordinates, walls between),
/// then a few extra walls are knocked out so there are cycles. Each wall tile carries a wall type: the outer
/// border is type 0 and interior walls take the type of their quadrant (1-4, permuted per world), so each region
/// of the maze looks different.
/// </summary>
public sealed class MazeLayout
{
    /// <summary>Rooms per side in the default layout (a 17 x 17 tile grid).</summary>
    public const int DefaultCells = 8;

    /// <summary>Number of distinct wall types (see MazeTextures).</summary>
    public const int WallTypes = 5;

    private readonly byte[] tiles; // 0 = free, 1 + wall type otherwise

    public int World { get; }

    /// <summary>Grid width in tiles.</summary>
    public int Width { get; }

    /// <summary>Grid height in tiles.</summary>
    public int Height { get; }

    /// <summary>Free tiles in row-major order.</summary>
    public IReadOnlyList<(int X, int Y)> FreeTiles { get; }

    private MazeLayout(int world, int width, int height, byte[] tiles)
    {
        World = world;
        Width = width;
        Height = height;
        this.tiles = tiles;
        var free = new List<(int, int)>();
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                if (tiles[y * width + x] == 0) free.Add((x, y));
        FreeTiles = free;
    }

    /// <summary>True for walls and outside the grid.</summary>
    public bool IsWall(int x, int y) => (uint)x >= (uint)Width || (uint)y >= (uint)Height || tiles[y * Width + x] != 0;

    /// <summary>Wall type 0..WallTypes-1 of a wall tile, or -1 for a free tile.</summary>
    public int WallType(int x, int y) => (uint)x >= (uint)Width || (uint)y >= (uint)Height ? 0 : tiles[y * Width + x] - 1;

    /// <summary>Free neighbours (4-connected) of a free tile.</summary>
    public int FreeNeighbourCount(int x, int y) =>
        (IsWall(x + 1, y) ? 0 : 1) + (IsWall(x - 1, y) ? 0 : 1) + (IsWall(x, y + 1) ? 0 : 1) + (IsWall(x, y - 1) ? 0 : 1);

    /// <summary>Generates layout <paramref name="world"/>; the same world always gives the same grid.</summary>
    public static MazeLayout Generate(int world, int cells = DefaultCells)
    {
        if (cells < 2) throw new ArgumentOutOfRangeException(nameof(cells), cells, "a maze needs at least 2 x 2 rooms");
        var rng = SplitMix64.From(0x4D415A45, world); // "MAZE"
        var size = 2 * cells + 1;
        var wall = new bool[size * size];
        Array.Fill(wall, true);

        // Recursive backtracker, iterative so large mazes cannot overflow the stack.
        var visited = new bool[cells * cells];
        var stack = new Stack<(int X, int Y)>();
        Span<(int Dx, int Dy)> dirs = [(1, 0), (-1, 0), (0, 1), (0, -1)];
        Span<int> options = stackalloc int[4];
        var start = (X: rng.NextInt(cells), Y: rng.NextInt(cells));
        visited[start.Y * cells + start.X] = true;
        wall[(2 * start.Y + 1) * size + 2 * start.X + 1] = false;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var (cx, cy) = stack.Peek();
            var n = 0;
            for (var d = 0; d < 4; d++)
            {
                int nx = cx + dirs[d].Dx, ny = cy + dirs[d].Dy;
                if (nx >= 0 && ny >= 0 && nx < cells && ny < cells && !visited[ny * cells + nx]) options[n++] = d;
            }
            if (n == 0)
            {
                stack.Pop();
                continue;
            }
            var dir = dirs[options[rng.NextInt(n)]];
            int tx = cx + dir.Dx, ty = cy + dir.Dy;
            visited[ty * cells + tx] = true;
            wall[(2 * cy + 1 + dir.Dy) * size + 2 * cx + 1 + dir.Dx] = false;
            wall[(2 * ty + 1) * size + 2 * tx + 1] = false;
            stack.Push((tx, ty));
        }

        // Knock out a few interior walls between two rooms to add cycles (loops make routes and revisits varied).
        var loops = Math.Max(2, cells * cells / 10);
        for (var attempts = 0; loops > 0 && attempts < 1000; attempts++)
        {
            var x = rng.NextInt(1, size - 2);
            var y = rng.NextInt(1, size - 2);
            if (!wall[y * size + x]) continue;
            var horizontal = x % 2 == 0 && y % 2 == 1; // separates rooms left/right
            var vertical = x % 2 == 1 && y % 2 == 0;   // separates rooms above/below
            if (!horizontal && !vertical) continue;
            wall[y * size + x] = false;
            loops--;
        }

        // Wall types: border 0, interior by quadrant, with a per-world permutation of types 1..4.
        Span<int> perm = [1, 2, 3, 4];
        for (var i = perm.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        var tiles = new byte[size * size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                if (!wall[y * size + x]) continue;
                var border = x == 0 || y == 0 || x == size - 1 || y == size - 1;
                var quadrant = (x * 2 >= size ? 1 : 0) + (y * 2 >= size ? 2 : 0);
                tiles[y * size + x] = (byte)(1 + (border ? 0 : perm[quadrant]));
            }
        return new MazeLayout(world, size, size, tiles);
    }
}
