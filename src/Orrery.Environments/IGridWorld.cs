namespace Orrery.Environments;

/// <summary>
/// The narrow view of a grid-based environment's state that a planning policy (e.g. the explorer) may read
/// instead of the pixels: the agent's pose and which cells are walls.
/// </summary>
public interface IGridWorld
{
    /// <summary>Grid width in cells.</summary>
    int Width { get; }

    /// <summary>Grid height in cells.</summary>
    int Height { get; }

    /// <summary>The agent's current pose.</summary>
    GridPose Pose { get; }

    /// <summary>True for wall cells and for anything outside the grid.</summary>
    bool IsWall(int cx, int cy);

    /// <summary>Radians turned by one turn action (the explorer aims to within half of it).</summary>
    double TurnStep { get; }
}
