namespace Orrery.Environments.Push;

/// <summary>
/// The T of the push task in its own frame: a bar 4 units wide and 1 thick on top of a stem 1 wide and 3 long, one
/// unit being <see cref="Unit"/> (PushT's proportions: 120 x 30 and 30 x 90 pixels). The frame's origin is the T's
/// centre of area, so the block turns about it; at angle 0 the bar is on top (+y) and the stem points down.
/// </summary>
public static class TeeShape
{
    /// <summary>One unit of the T (m): the thickness of its bar and stem.</summary>
    public const double Unit = 0.03;

    /// <summary>An axis-aligned rectangle of the T's frame, by centre and half sides (m).</summary>
    public readonly record struct Rectangle(double CentreX, double CentreY, double HalfWidth, double HalfHeight)
    {
        /// <summary>Whether (x, y) in the T's frame is inside or on the rectangle.</summary>
        public bool Contains(double x, double y) => Math.Abs(x - CentreX) <= HalfWidth && Math.Abs(y - CentreY) <= HalfHeight;

        /// <summary>Distance from (x, y) to the rectangle, 0 inside it.</summary>
        public double Distance(double x, double y)
        {
            double dx = Math.Max(Math.Abs(x - CentreX) - HalfWidth, 0), dy = Math.Max(Math.Abs(y - CentreY) - HalfHeight, 0);
            return Math.Sqrt(dx * dx + dy * dy);
        }
    }

    // The bar spans y in [0, 1] units and the stem [-3, 0] before centring; their centre of area is
    // (4 * 0.5 + 3 * -1.5) / 7 = -2.5/7 units, so the bar's centre lies at 6/7 and the stem's at -8/7.

    /// <summary>The bar, across the top.</summary>
    public static Rectangle Bar { get; } = new(0, 6.0 / 7 * Unit, 2 * Unit, 0.5 * Unit);

    /// <summary>The stem, hanging from the bar's middle.</summary>
    public static Rectangle Stem { get; } = new(0, -8.0 / 7 * Unit, 0.5 * Unit, 1.5 * Unit);

    /// <summary>Area of the T (m^2).</summary>
    public const double Area = 7 * Unit * Unit;

    /// <summary>Distance from the centre of area to the farthest corner (the stem's foot), for bounding boxes.</summary>
    public static double Radius { get; } = Math.Sqrt(0.25 + Math.Pow(8.0 / 7 + 1.5, 2)) * Unit;

    /// <summary>The T's eight corners counter-clockwise from the bar's top right, in its frame: the keypoints of the reward.</summary>
    public static IReadOnlyList<(double X, double Y)> Corners { get; } =
    [
        (Bar.HalfWidth, Bar.CentreY + Bar.HalfHeight), (-Bar.HalfWidth, Bar.CentreY + Bar.HalfHeight),
        (-Bar.HalfWidth, Bar.CentreY - Bar.HalfHeight), (-Stem.HalfWidth, Bar.CentreY - Bar.HalfHeight),
        (-Stem.HalfWidth, Stem.CentreY - Stem.HalfHeight), (Stem.HalfWidth, Stem.CentreY - Stem.HalfHeight),
        (Stem.HalfWidth, Bar.CentreY - Bar.HalfHeight), (Bar.HalfWidth, Bar.CentreY - Bar.HalfHeight),
    ];

    /// <summary>Whether (x, y) in the T's frame is on the T.</summary>
    public static bool Contains(double x, double y) => Bar.Contains(x, y) || Stem.Contains(x, y);

    /// <summary>Distance from (x, y) in the T's frame to the T, 0 on it.</summary>
    public static double Distance(double x, double y) => Math.Min(Bar.Distance(x, y), Stem.Distance(x, y));

    /// <summary>The table point at (x, y) of the frame of a T posed at <paramref name="pose"/>.</summary>
    public static (double X, double Y) ToTable(BlockPose pose, double x, double y)
    {
        double c = Math.Cos(pose.Angle), s = Math.Sin(pose.Angle);
        return (pose.X + c * x - s * y, pose.Y + s * x + c * y);
    }

    /// <summary>The point of the T's frame at table point (x, y), for a T posed at <paramref name="pose"/>.</summary>
    public static (double X, double Y) ToBlock(BlockPose pose, double x, double y)
    {
        double c = Math.Cos(pose.Angle), s = Math.Sin(pose.Angle), dx = x - pose.X, dy = y - pose.Y;
        return (c * dx + s * dy, -s * dx + c * dy);
    }
}
