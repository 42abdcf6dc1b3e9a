namespace Orrery.Environments;

/// <summary>
/// Where an agent stands in a grid world: X, Y in cell units (cell (i, j) spans [i, i+1) x [j, j+1), y grows "south"),
/// and Heading in radians (0 faces +x, growing clockwise on the map, i.e. toward +y).
/// </summary>
public readonly record struct GridPose(double X, double Y, double Heading)
{
    public int CellX => (int)Math.Floor(X);

    public int CellY => (int)Math.Floor(Y);

    /// <summary>Heading in degrees, in [0, 360).</summary>
    public double HeadingDegrees => Heading * (180.0 / Math.PI);
}
