namespace Orrery.Environments.Push;

/// <summary>Where a T lies on the table: its centre of area (m) and its angle (rad, counter-clockwise, 0 with the bar on top).</summary>
public readonly record struct BlockPose(double X, double Y, double Angle);
