using Orrery.Core.Spaces;

namespace Orrery.Environments.Maze;

/// <summary>
/// The maze's discrete actions, in index order (index 0 is noop), and how far each one moves the agent per step.
/// At 24 fps: forward 0.12 cell (2.9 cells/s), back and strafe 0.08 cell, turn 7.5 degrees, so a full turn
/// is exactly 48 steps (2 s) and the heading is kept as an integer step count (no drift over 360 degrees).
/// </summary>
public static class MazeActions
{
    public const int Noop = 0;
    public const int Forward = 1;
    public const int Back = 2;
    public const int TurnLeft = 3;
    public const int TurnRight = 4;
    public const int StrafeLeft = 5;
    public const int StrafeRight = 6;

    /// <summary>Action names by index.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["noop", "forward", "back", "turn-left", "turn-right", "strafe-left", "strafe-right"];

    /// <summary>The action space: these names, with "noop" as its no-op.</summary>
    public static DiscreteActionSpace Space { get; } = new(Names);

    /// <summary>Cells moved by one forward step.</summary>
    public const double ForwardStep = 0.12;

    /// <summary>Cells moved by one back or strafe step.</summary>
    public const double SideStep = 0.08;

    /// <summary>Turn steps in a full 360-degree turn (7.5 degrees each).</summary>
    public const int HeadingSteps = 48;
}
