namespace Orrery.Environments.Maze;

/// <summary>
/// Procedural wall textures, one per wall type, generated once. They are deliberately low-frequency
/// (bricks, panels and stripes 8-16 texels across a 32-texel wall) so that a small model can learn to
/// reproduce them at 64 x 64. Stored column-major (texel (u, v) at (u * Size + v) * 3) because the
/// raycaster reads one wall column at a time.
/// </summary>
public static class MazeTextures
{
    /// <summary>Texels per side of a wall face.</summary>
    public const int Size = 32;

    /// <summary>Human names of the wall types, by type index.</summary>
    public static IReadOnlyList<string> Names { get; } = ["slate blocks", "red brick", "green panels", "blue stripes", "wooden planks"];

    private static readonly byte[][] Textures = Enumerable.Range(0, MazeLayout.WallTypes).Select(Build).ToArray();

    /// <summary>RGB texels of wall type <paramref name="type"/>, column-major.</summary>
    public static ReadOnlySpan<byte> Texels(int type) => Textures[type];

    private static byte[] Build(int type)
    {
        var texels = new byte[Size * Size * 3];
        for (var u = 0; u < Size; u++)
            for (var v = 0; v < Size; v++)
            {
                var (r, g, b) = type switch
                {
                    0 => Blocks(u, v, 16, 8, mortar: 2, (92, 100, 118), (48, 52, 62), variation: 14, salt: 0),
                    1 => Blocks(u, v, 16, 8, mortar: 2, (156, 62, 44), (176, 166, 150), variation: 18, salt: 1),
                    2 => Panel(u, v),
                    3 => (u / 8 % 2 == 0) ? (48, 86, 168) : (96, 146, 214),
                    _ => Plank(u, v),
                };
                var i = (u * Size + v) * 3;
                texels[i] = (byte)Math.Clamp(r, 0, 255);
                texels[i + 1] = (byte)Math.Clamp(g, 0, 255);
                texels[i + 2] = (byte)Math.Clamp(b, 0, 255);
            }
        return texels;
    }

    // Running-bond blocks (bricks or stones): every other row is offset by half a block.
    private static (int, int, int) Blocks(int u, int v, int w, int h, int mortar, (int R, int G, int B) face,
                                          (int R, int G, int B) joint, int variation, int salt)
    {
        var row = v / h;
        var shifted = u + (row % 2 == 1 ? w / 2 : 0);
        var col = shifted / w % (Size / w);
        if (v % h >= h - mortar || shifted % w >= w - mortar) return joint;
        var d = Hash(row, col, salt) % (2 * variation + 1) - variation;
        return (face.R + d, face.G + d, face.B + d);
    }

    // A 2 x 2 grid of bevelled panels: light top/left edge, dark bottom/right edge.
    private static (int, int, int) Panel(int u, int v)
    {
        int pu = u % 16, pv = v % 16;
        if (pu < 2 || pv < 2) return (128, 180, 116);
        if (pu >= 14 || pv >= 14) return (34, 72, 40);
        return (64, 124, 72);
    }

    // Horizontal planks with dark seams and a slow vertical gradient inside each plank.
    private static (int, int, int) Plank(int u, int v)
    {
        var pv = v % 8;
        if (pv == 7) return (92, 60, 26);
        var plank = v / 8;
        var d = Hash(plank, u / 16 + plank, 2) % 21 - 10 - pv * 3;
        return (176 + d, 124 + d, 58 + d / 2);
    }

    private static int Hash(int a, int b, int salt) => (int)(new SplitMix64((ulong)(a * 7919 + b * 104729 + salt * 1299709)).NextUInt64() >> 33);
}
