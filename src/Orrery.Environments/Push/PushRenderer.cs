using Orrery.Core.Errors;

namespace Orrery.Environments.Push;

/// <summary>
/// Draws the push table seen from above (+x right, +y up, the table's centre in the middle): a sand table framed by
/// its brown walls, the goal T shaded pale green, the block slate grey over it, and the pusher an orange disc on top
/// (PushT's layers: goal, block, agent; orange rather than PushT's blue, so the disc stands out on grey and green alike).
/// Coverage is counted on 4x4 samples per pixel and blended in integers, so edges are antialiased and frames are
/// identical bit for bit.
/// </summary>
public sealed class PushRenderer
{
    /// <summary>The resolution a push frame is made for.</summary>
    public const int NativeResolution = 64;

    /// <summary>Square resolutions a push frame can have (frames are Resolution x Resolution x 3): 96 is PushT's.</summary>
    public static IReadOnlyList<int> SupportedResolutions { get; } = [64, 96];

    /// <summary>Half the side of the square in view (m): the table and a centimetre of wall around it.</summary>
    public const double ViewHalfWidth = 0.26;

    private const int Samples = 4;                 // per pixel side
    private const int Coverage = Samples * Samples;

    private static readonly byte[] Wall = [120, 100, 80];
    private static readonly byte[] Table = [226, 217, 196];
    private static readonly byte[] Goal = [150, 215, 140];
    private static readonly byte[] Block = [90, 100, 125];
    private static readonly byte[] Pusher = [245, 128, 20];

    private readonly int size;
    private readonly double metresPerPixel;
    private readonly byte[] background;            // walls and table, drawn once

    public PushRenderer(int resolution)
    {
        if (!SupportedResolutions.Contains(resolution))
            throw new OrreryException($"push resolution {resolution} is not supported; expected one of: {string.Join(", ", SupportedResolutions)}");
        size = resolution;
        metresPerPixel = 2 * ViewHalfWidth / size;
        background = new byte[FrameBytes];
        for (var i = 0; i < background.Length; i += 3) Wall.CopyTo(background, i);
        Fill(new Square(PushTable.HalfWidth), (0, 0), PushTable.HalfWidth, Table, background);
    }

    public int Resolution => size;

    /// <summary>Bytes in one frame (H x W x 3).</summary>
    public int FrameBytes => size * size * 3;

    /// <summary>Renders the pusher's centre and the block's and goal's poses, in metres on the table, into an H x W x 3 frame.</summary>
    public void Render((double X, double Y) pusher, BlockPose block, BlockPose goal, Span<byte> frame)
    {
        if (frame.Length != FrameBytes) throw new ArgumentException($"frame must be {FrameBytes} bytes", nameof(frame));
        background.CopyTo(frame);
        Fill(new Tee(goal), (goal.X, goal.Y), TeeShape.Radius, Goal, frame);
        Fill(new Tee(block), (block.X, block.Y), TeeShape.Radius, Block, frame);
        Fill(new Disc(pusher, PushTable.PusherRadius), pusher, PushTable.PusherRadius, Pusher, frame);
    }

    /// <summary>A region of the table: whether a point (m) is in it.</summary>
    private interface IRegion
    {
        bool Contains(double x, double y);
    }

    private readonly struct Square(double halfWidth) : IRegion
    {
        public bool Contains(double x, double y) => Math.Abs(x) <= halfWidth && Math.Abs(y) <= halfWidth;
    }

    private readonly struct Disc((double X, double Y) centre, double radius) : IRegion
    {
        public bool Contains(double x, double y) => (x - centre.X) * (x - centre.X) + (y - centre.Y) * (y - centre.Y) <= radius * radius;
    }

    // The table point turned into the T's frame by the pose's inverse rotation, then tested against the bar and stem.
    private readonly struct Tee(BlockPose pose) : IRegion
    {
        private readonly double cos = Math.Cos(pose.Angle), sin = Math.Sin(pose.Angle);

        public bool Contains(double x, double y)
        {
            double dx = x - pose.X, dy = y - pose.Y;
            return TeeShape.Contains(cos * dx + sin * dy, -sin * dx + cos * dy);
        }
    }

    // Blends colour over every pixel of the square of half side `reach` around `centre` by the region's coverage;
    // pixel (col, row) covers world x in [col, col+1) * metresPerPixel - ViewHalfWidth, y downward from +ViewHalfWidth.
    private void Fill<TRegion>(TRegion region, (double X, double Y) centre, double reach, byte[] colour, Span<byte> frame) where TRegion : struct, IRegion
    {
        var col0 = Math.Max(0, (int)Math.Floor((centre.X - reach + ViewHalfWidth) / metresPerPixel));
        var col1 = Math.Min(size - 1, (int)Math.Floor((centre.X + reach + ViewHalfWidth) / metresPerPixel));
        var row0 = Math.Max(0, (int)Math.Floor((ViewHalfWidth - centre.Y - reach) / metresPerPixel));
        var row1 = Math.Min(size - 1, (int)Math.Floor((ViewHalfWidth - centre.Y + reach) / metresPerPixel));
        for (var row = row0; row <= row1; row++)
        {
            for (var col = col0; col <= col1; col++)
            {
                var covered = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    var y = ViewHalfWidth - (row + (sy + 0.5) / Samples) * metresPerPixel;
                    for (var sx = 0; sx < Samples; sx++)
                        if (region.Contains((col + (sx + 0.5) / Samples) * metresPerPixel - ViewHalfWidth, y)) covered++;
                }
                if (covered == 0) continue;
                var p = (row * size + col) * 3;
                for (var c = 0; c < 3; c++)
                    frame[p + c] = (byte)((frame[p + c] * (Coverage - covered) + colour[c] * covered + Coverage / 2) / Coverage);
            }
        }
    }
}
