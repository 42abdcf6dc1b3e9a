namespace Orrery.Environments.Maze;

/// <summary>
/// Coloured pillars standing at fixed tiles of a layout, so that places are recognisable. They sit in dead ends
/// where possible (so they never block a corridor), are solid (the agent collides with them) and are drawn by the
/// renderer as billboard sprites, depth-tested against the walls.
/// </summary>
public sealed class Landmarks
{
    /// <summary>Pillar radius in cells (solid for collision; the sprite is 2 * Radius wide).</summary>
    public const double Radius = 0.16;

    /// <summary>Pillar height in cells (walls are 1 high).</summary>
    public const double PillarHeight = 0.8;

    /// <summary>The pillar colours, one per landmark, all unlike the wall textures.</summary>
    public static IReadOnlyList<(byte R, byte G, byte B)> Palette { get; } =
        [(235, 40, 40), (250, 220, 40), (40, 225, 225), (230, 60, 230), (245, 245, 245), (250, 140, 20)];

    /// <summary>One pillar: centre (X, Y) in cells and its colour.</summary>
    public readonly record struct Pillar(double X, double Y, byte R, byte G, byte B);

    public IReadOnlyList<Pillar> Pillars { get; }

    private Landmarks(IReadOnlyList<Pillar> pillars) => Pillars = pillars;

    /// <summary>Places one pillar per palette colour in the layout's dead ends (then other rooms), chosen from the world seed.</summary>
    public static Landmarks Place(MazeLayout layout)
    {
        var rng = SplitMix64.From(0x4C414E44, layout.World); // "LAND"
        var rooms = layout.FreeTiles.Where(t => t.X % 2 == 1 && t.Y % 2 == 1).ToList();
        var deadEnds = rooms.Where(t => layout.FreeNeighbourCount(t.X, t.Y) == 1).ToList();
        var others = rooms.Where(t => layout.FreeNeighbourCount(t.X, t.Y) != 1).ToList();
        Shuffle(deadEnds, ref rng);
        Shuffle(others, ref rng);
        var chosen = deadEnds.Concat(others).Take(Palette.Count).ToList();
        var pillars = chosen.Select((t, i) => new Pillar(t.X + 0.5, t.Y + 0.5, Palette[i].R, Palette[i].G, Palette[i].B)).ToArray();
        return new Landmarks(pillars);
    }

    private static void Shuffle<T>(List<T> items, ref SplitMix64 rng)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
