using Orrery.Core.Errors;

namespace Orrery.Environments.Reach;

/// <summary>
/// Draws the reach table seen from above (+x right, +y up, the shoulder at the centre) from body poses: a plain sand
/// table, the upper arm navy, the forearm blue, the shoulder hub grey, the target as a green disc and the fingertip
/// orange, in that order: the target is a marker drawn over the links, so a frame always shows where it is. Every shape is a capsule (a disc is a capsule of zero length) whose coverage is counted on
/// 4x4 samples per pixel and blended in integers, so edges are antialiased and frames are identical bit for bit.
/// </summary>
public sealed class ReachRenderer
{
    /// <summary>The resolution a reach frame is made for.</summary>
    public const int NativeResolution = 64;

    /// <summary>Square resolutions a reach frame can have (frames are Resolution x Resolution x 3).</summary>
    public static IReadOnlyList<int> SupportedResolutions { get; } = [64, 128];

    /// <summary>Half the side of the square of table in view (m): the arm's full reach plus its fingertip, and a margin.</summary>
    public const double ViewHalfWidth = 0.27;

    /// <summary>Radius of the grey hub drawn over the shoulder joint.</summary>
    public const double HubRadius = 0.012;

    private const int Samples = 4;                 // per pixel side
    private const int Coverage = Samples * Samples;

    private static readonly byte[] Table = [226, 217, 196];
    private static readonly byte[] Target = [38, 160, 72];
    private static readonly byte[] UpperArm = [34, 52, 120];
    private static readonly byte[] Forearm = [62, 112, 200];
    private static readonly byte[] Hub = [70, 70, 76];
    private static readonly byte[] Fingertip = [245, 128, 20];

    private readonly int size;
    private readonly double metresPerPixel;

    public ReachRenderer(int resolution)
    {
        if (!SupportedResolutions.Contains(resolution))
            throw new OrreryException($"reach resolution {resolution} is not supported; expected one of: {string.Join(", ", SupportedResolutions)}");
        size = resolution;
        metresPerPixel = 2 * ViewHalfWidth / size;
    }

    public int Resolution => size;

    /// <summary>Bytes in one frame (H x W x 3).</summary>
    public int FrameBytes => size * size * 3;

    /// <summary>Renders the arm (shoulder, elbow, fingertip positions) and the target, in metres on the table, into an H x W x 3 frame.</summary>
    public void Render((double X, double Y) shoulder, (double X, double Y) elbow, (double X, double Y) fingertip, (double X, double Y) target, Span<byte> frame)
    {
        if (frame.Length != FrameBytes) throw new ArgumentException($"frame must be {FrameBytes} bytes", nameof(frame));
        for (var i = 0; i < frame.Length; i += 3) Table.CopyTo(frame[i..]);
        DrawCapsule(shoulder, elbow, ReachArm.LinkRadius, UpperArm, frame);
        DrawCapsule(elbow, fingertip, ReachArm.LinkRadius, Forearm, frame);
        DrawCapsule(shoulder, shoulder, HubRadius, Hub, frame);
        DrawCapsule(target, target, ReachEnvironment.TargetRadius, Target, frame);
        DrawCapsule(fingertip, fingertip, ReachArm.FingertipRadius, Fingertip, frame);
    }

    // Every point within radius of the segment a-b; pixel (col, row) covers world x in [col, col+1) * metresPerPixel - ViewHalfWidth, y downward from +ViewHalfWidth.
    private void DrawCapsule((double X, double Y) a, (double X, double Y) b, double radius, byte[] colour, Span<byte> frame)
    {
        var col0 = Math.Max(0, (int)Math.Floor((Math.Min(a.X, b.X) - radius + ViewHalfWidth) / metresPerPixel));
        var col1 = Math.Min(size - 1, (int)Math.Floor((Math.Max(a.X, b.X) + radius + ViewHalfWidth) / metresPerPixel));
        var row0 = Math.Max(0, (int)Math.Floor((ViewHalfWidth - Math.Max(a.Y, b.Y) - radius) / metresPerPixel));
        var row1 = Math.Min(size - 1, (int)Math.Floor((ViewHalfWidth - Math.Min(a.Y, b.Y) + radius) / metresPerPixel));
        double dx = b.X - a.X, dy = b.Y - a.Y, length2 = dx * dx + dy * dy, radius2 = radius * radius;
        for (var row = row0; row <= row1; row++)
        {
            for (var col = col0; col <= col1; col++)
            {
                var covered = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    var y = ViewHalfWidth - (row + (sy + 0.5) / Samples) * metresPerPixel;
                    for (var sx = 0; sx < Samples; sx++)
                    {
                        var x = (col + (sx + 0.5) / Samples) * metresPerPixel - ViewHalfWidth;
                        // distance to the segment: project onto it, clamp to its ends (a disc when length2 = 0)
                        var t = length2 > 0 ? Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / length2, 0, 1) : 0;
                        double ex = x - a.X - t * dx, ey = y - a.Y - t * dy;
                        if (ex * ex + ey * ey <= radius2) covered++;
                    }
                }
                if (covered == 0) continue;
                var p = (row * size + col) * 3;
                for (var c = 0; c < 3; c++)
                    frame[p + c] = (byte)((frame[p + c] * (Coverage - covered) + colour[c] * covered + Coverage / 2) / Coverage);
            }
        }
    }
}
