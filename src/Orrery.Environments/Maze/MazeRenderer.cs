using Orrery.Core.Errors;

namespace Orrery.Environments.Maze;

/// <summary>
/// Wolfenstein-style raycaster: one DDA ray per screen column (Amanatides and Woo grid traversal), textured walls
/// shaded by distance and darker on y-facing sides, floor and ceiling shaded by distance, and landmark pillars drawn
/// as billboard sprites depth-tested against the wall z-buffer. Square pixels, 66-degree horizontal field of view,
/// eye at half the wall height. Allocation-free per frame; one renderer per environment (not thread-safe).
/// </summary>
public sealed class MazeRenderer
{
    /// <summary>The resolution a maze frame is made for.</summary>
    public const int NativeResolution = 64;

    /// <summary>Square resolutions a maze can render (frames are Resolution x Resolution x 3).</summary>
    public static IReadOnlyList<int> SupportedResolutions { get; } = [64, 128, 256];

    /// <summary>Half-width of the camera plane at distance 1: tan(33 degrees), a 66-degree field of view.</summary>
    public const double PlaneHalfWidth = 0.66;

    private const int ShadeOne = 256; // fixed-point 1.0 for the per-pixel colour multiply

    private readonly MazeLayout layout;
    private readonly Landmarks landmarks;
    private readonly int size;
    private readonly double focal;        // pixels per cell at distance 1
    private readonly byte[] background;   // floor and ceiling, identical every frame
    private readonly double[] depth;      // wall distance per column (the sprite z-buffer)
    private readonly double[] spriteDepth;
    private readonly int[] spriteOrder;

    public MazeRenderer(MazeLayout layout, Landmarks landmarks, int resolution)
    {
        if (!SupportedResolutions.Contains(resolution))
            throw new OrreryException($"maze resolution {resolution} is not supported; expected one of: {string.Join(", ", SupportedResolutions)}");
        this.layout = layout;
        this.landmarks = landmarks;
        size = resolution;
        focal = size / 2.0 / PlaneHalfWidth;
        depth = new double[size];
        spriteDepth = new double[landmarks.Pillars.Count];
        spriteOrder = new int[landmarks.Pillars.Count];
        background = BuildBackground();
    }

    public int Resolution => size;

    /// <summary>Bytes in one frame (H x W x 3).</summary>
    public int FrameBytes => size * size * 3;

    /// <summary>Brightness (0..1) of a surface at a distance: a soft falloff that keeps the far end of a corridor visible.</summary>
    public static double Falloff(double distance) => 1.0 / (1.0 + 0.06 * distance * distance);

    /// <summary>Renders the view from (x, y) looking along the unit vector (dirX, dirY) into an H x W x 3 frame.</summary>
    public void Render(double x, double y, double dirX, double dirY, Span<byte> frame)
    {
        if (frame.Length != FrameBytes) throw new ArgumentException($"frame must be {FrameBytes} bytes", nameof(frame));
        background.CopyTo(frame);
        double rightX = -dirY * PlaneHalfWidth, rightY = dirX * PlaneHalfWidth;
        for (var col = 0; col < size; col++)
        {
            var cam = 2.0 * (col + 0.5) / size - 1.0;
            DrawWallColumn(x, y, dirX + rightX * cam, dirY + rightY * cam, col, frame);
        }
        DrawPillars(x, y, dirX, dirY, frame);
    }

    private void DrawWallColumn(double x, double y, double rayX, double rayY, int col, Span<byte> frame)
    {
        int mapX = (int)Math.Floor(x), mapY = (int)Math.Floor(y);
        var deltaX = rayX == 0 ? double.MaxValue : Math.Abs(1.0 / rayX);
        var deltaY = rayY == 0 ? double.MaxValue : Math.Abs(1.0 / rayY);
        int stepX = rayX < 0 ? -1 : 1, stepY = rayY < 0 ? -1 : 1;
        var sideX = rayX < 0 ? (x - mapX) * deltaX : (mapX + 1.0 - x) * deltaX;
        var sideY = rayY < 0 ? (y - mapY) * deltaY : (mapY + 1.0 - y) * deltaY;
        int side;
        while (true)
        {
            if (sideX < sideY) { sideX += deltaX; mapX += stepX; side = 0; }
            else { sideY += deltaY; mapY += stepY; side = 1; }
            if (layout.IsWall(mapX, mapY)) break;
        }
        var dist = side == 0 ? sideX - deltaX : sideY - deltaY; // perpendicular distance: no fisheye
        dist = Math.Max(dist, 1e-4);
        depth[col] = dist;

        // Texture column: flip so that every face reads left-to-right as seen from the corridor.
        var wallX = side == 0 ? y + dist * rayY : x + dist * rayX;
        wallX -= Math.Floor(wallX);
        var u = Math.Min((int)(wallX * MazeTextures.Size), MazeTextures.Size - 1);
        if ((side == 0 && rayX > 0) || (side == 1 && rayY < 0)) u = MazeTextures.Size - 1 - u;
        var texels = MazeTextures.Texels(layout.WallType(mapX, mapY)).Slice(u * MazeTextures.Size * 3, MazeTextures.Size * 3);

        var shade = (int)(ShadeOne * Falloff(dist) * (side == 1 ? 0.72 : 1.0));
        var half = focal * 0.5 / dist;
        var top = size / 2.0 - half;
        var y0 = Math.Max(0, (int)Math.Ceiling(top - 0.5));
        var y1 = Math.Min(size, (int)Math.Ceiling(size / 2.0 + half - 0.5));
        var texPerPixel = MazeTextures.Size / (2 * half);
        for (var row = y0; row < y1; row++)
        {
            var v = Math.Min((int)((row + 0.5 - top) * texPerPixel), MazeTextures.Size - 1);
            var t = v * 3;
            var o = (row * size + col) * 3;
            frame[o] = (byte)(texels[t] * shade >> 8);
            frame[o + 1] = (byte)(texels[t + 1] * shade >> 8);
            frame[o + 2] = (byte)(texels[t + 2] * shade >> 8);
        }
    }

    private void DrawPillars(double x, double y, double dirX, double dirY, Span<byte> frame)
    {
        var pillars = landmarks.Pillars;
        var n = 0;
        for (var i = 0; i < pillars.Count; i++)
        {
            var d = (pillars[i].X - x) * dirX + (pillars[i].Y - y) * dirY;
            if (d <= 0.05) continue; // behind the eye
            // insertion sort, far to near (painter's order among sprites; walls use the z-buffer)
            var j = n++;
            while (j > 0 && spriteDepth[j - 1] < d)
            {
                spriteDepth[j] = spriteDepth[j - 1];
                spriteOrder[j] = spriteOrder[j - 1];
                j--;
            }
            spriteDepth[j] = d;
            spriteOrder[j] = i;
        }
        for (var k = 0; k < n; k++) DrawPillar(pillars[spriteOrder[k]], spriteDepth[k], x, y, dirX, dirY, frame);
    }

    private void DrawPillar(Landmarks.Pillar p, double d, double x, double y, double dirX, double dirY, Span<byte> frame)
    {
        var lateral = (p.X - x) * -dirY + (p.Y - y) * dirX;
        var centre = size / 2.0 + focal * lateral / d;
        var halfWidth = focal * Landmarks.Radius / d;
        var top = size / 2.0 - focal * (Landmarks.PillarHeight - 0.5) / d;
        var bottom = size / 2.0 + focal * 0.5 / d;
        var x0 = Math.Max(0, (int)Math.Ceiling(centre - halfWidth - 0.5));
        var x1 = Math.Min(size, (int)Math.Ceiling(centre + halfWidth - 0.5));
        var y0 = Math.Max(0, (int)Math.Ceiling(top - 0.5));
        var y1 = Math.Min(size, (int)Math.Ceiling(bottom - 0.5));
        var capEnd = top + (bottom - top) * 0.12;
        var falloff = Falloff(d);
        for (var col = x0; col < x1; col++)
        {
            if (d >= depth[col]) continue;
            var u = (col + 0.5 - centre) / halfWidth;
            var round = 0.45 + 0.55 * Math.Sqrt(Math.Max(0, 1 - u * u)); // cylinder: lit in the middle
            var shade = (int)(ShadeOne * falloff * round);
            for (var row = y0; row < y1; row++)
            {
                var o = (row * size + col) * 3;
                int r = p.R, g = p.G, b = p.B;
                if (row + 0.5 < capEnd) { r = (r + 255) >> 1; g = (g + 255) >> 1; b = (b + 255) >> 1; } // a light cap
                frame[o] = (byte)(r * shade >> 8);
                frame[o + 1] = (byte)(g * shade >> 8);
                frame[o + 2] = (byte)(b * shade >> 8);
            }
        }
    }

    // Ceiling (cool) and floor (warm) rows, each shaded by the distance of the plane that row sees.
    private byte[] BuildBackground()
    {
        var bg = new byte[FrameBytes];
        for (var row = 0; row < size; row++)
        {
            var fromHorizon = Math.Abs(row + 0.5 - size / 2.0);
            var dist = focal * 0.5 / fromHorizon;
            var s = Falloff(dist);
            var floor = row >= size / 2;
            var (r, g, b) = floor ? (118, 104, 88) : (70, 78, 104);
            for (var col = 0; col < size; col++)
            {
                var o = (row * size + col) * 3;
                bg[o] = (byte)(r * s);
                bg[o + 1] = (byte)(g * s);
                bg[o + 2] = (byte)(b * s);
            }
        }
        return bg;
    }
}
