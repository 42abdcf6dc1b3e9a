using Orrery.Core.Environments;
using Orrery.Core.Errors;
using System.Globalization;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Environments.Maze;

/// <summary>
/// The first ground-truth world: a first-person walk through a textured maze, rendered by <see cref="MazeRenderer"/>.
/// <list type="bullet">
/// <item>World: the layout seed (<see cref="MazeLayout.Generate"/>); Reset(seed) picks the start room and heading.</item>
/// <item>Actions (<see cref="MazeActions"/>): noop, forward 0.12 cell, back 0.08, turn-left/right 7.5 degrees,
/// strafe-left/right 0.08; 24 fps. The heading is an integer count of 7.5-degree steps, so 48 turns return the exact frame.</item>
/// <item>Collision: the agent is a square of half-size <see cref="AgentRadius"/> that slides along walls (each axis is
/// resolved on its own) and stops at landmark pillars.</item>
/// <item>Reward: +1 the first time the agent enters a tile in this episode, else 0. Done: false, unless a
/// maxSteps is given (world models need endless sessions).</item>
/// <item>Info: x, y (cells, double), heading (degrees), cell (int[2]: tile x, y), step.</item>
/// </list>
/// Deterministic: same world, seed and actions give identical bytes. Step returns a new observation array that the
/// caller owns.
/// </summary>
public sealed class MazeEnvironment : ICopyableEnvironment, IGridWorld
{
    public const string EnvironmentName = "maze";

    public const int FramesPerSecond = 24;

    /// <summary>Clearance the agent keeps from walls, in cells.</summary>
    public const double AgentRadius = 0.2;

    private static readonly double[] Cos = Enumerable.Range(0, MazeActions.HeadingSteps).Select(i => Math.Round(Math.Cos(i * 2 * Math.PI / MazeActions.HeadingSteps), 15)).ToArray();
    private static readonly double[] Sin = Enumerable.Range(0, MazeActions.HeadingSteps).Select(i => Math.Round(Math.Sin(i * 2 * Math.PI / MazeActions.HeadingSteps), 15)).ToArray();

    private readonly MazeRenderer renderer;
    private readonly bool[] visited;
    private readonly int? maxSteps;
    private double x, y;
    private int heading; // in 7.5-degree steps, 0..47
    private int step;

    /// <summary>Creates the maze of layout <paramref name="world"/>; frames are resolution x resolution x 3 (64, 128 or 256).</summary>
    public MazeEnvironment(int world, int resolution = MazeRenderer.NativeResolution, int? maxSteps = null)
    {
        if (maxSteps is <= 0) throw new OrreryException($"maze max steps must be positive; got {maxSteps}");
        Layout = MazeLayout.Generate(world);
        Landmarks = Landmarks.Place(Layout);
        renderer = new MazeRenderer(Layout, Landmarks, resolution);
        visited = new bool[Layout.Width * Layout.Height];
        this.maxSteps = maxSteps;
        Spec = new WorldSpec
        {
            Environment = EnvironmentName,
            Parameters = new Dictionary<string, string> { ["world"] = world.ToString(CultureInfo.InvariantCulture), ["resolution"] = resolution.ToString(CultureInfo.InvariantCulture) },
            Fps = FramesPerSecond,
            Observation = new ObservationSpec(resolution, resolution, 3),
            Actions = MazeActions.Space,
            Streams = [RewardStream, PoseStream],
        };
        Reset(0);
    }

    public string Name => EnvironmentName;

    /// <summary>The maze's reward: +1 the first time the agent enters a tile in the episode.</summary>
    public static StreamSpec RewardStream { get; } = new(StreamNames.Reward, [StreamNames.Reward], "tiles", "+1 on the first entry into a tile in this episode, else 0");

    /// <summary>
    /// Where the agent stands: position in cells and heading as cosine and sine (so a full turn is continuous). What a
    /// model's memory is keyed by: the same pose sees the same view.
    /// </summary>
    public static StreamSpec PoseStream { get; } = new(StreamNames.Pose, ["x", "y", "heading_cos", "heading_sin"], "cells, 1", "the agent's position and heading after the action");

    public WorldSpec Spec { get; }

    public int World => Layout.World;

    public MazeLayout Layout { get; }

    public Landmarks Landmarks { get; }

    public int Width => Layout.Width;

    public int Height => Layout.Height;

    public double TurnStep => 2 * Math.PI / MazeActions.HeadingSteps;

    /// <summary>The agent's pose: position in cells, heading in radians (a multiple of 7.5 degrees).</summary>
    public GridPose Pose => new(x, y, heading * TurnStep);

    /// <summary>Heading as a count of 7.5-degree turn steps, 0..47.</summary>
    public int HeadingIndex => heading;

    /// <summary>Steps taken since the last Reset.</summary>
    public int StepCount => step;

    /// <summary>Tiles entered at least once in this episode (including the start tile).</summary>
    public int VisitedTiles => visited.Count(v => v);

    public bool IsWall(int cx, int cy) => Layout.IsWall(cx, cy);

    public Observation Reset(int seed)
    {
        var rng = SplitMix64.From(0x53544152, World, seed); // "STAR"
        var pillarTiles = Landmarks.Pillars.Select(p => ((int)p.X, (int)p.Y)).ToHashSet();
        var rooms = Layout.FreeTiles.Where(t => t.X % 2 == 1 && t.Y % 2 == 1 && !pillarTiles.Contains(t)).ToArray();
        var start = rooms[rng.NextInt(rooms.Length)];
        x = start.X + 0.5;
        y = start.Y + 0.5;
        heading = rng.NextInt(MazeActions.HeadingSteps);
        step = 0;
        Array.Clear(visited);
        visited[start.Y * Layout.Width + start.X] = true;
        return new Observation(Render(), Streams(0f));
    }

    public StepResult Step(ActionVector action)
    {
        double c = Cos[heading], s = Sin[heading];
        switch (MazeActions.Space.Validate(action).Index)
        {
            case MazeActions.Forward: Move(c * MazeActions.ForwardStep, s * MazeActions.ForwardStep); break;
            case MazeActions.Back: Move(-c * MazeActions.SideStep, -s * MazeActions.SideStep); break;
            case MazeActions.TurnLeft: heading = (heading + MazeActions.HeadingSteps - 1) % MazeActions.HeadingSteps; break;
            case MazeActions.TurnRight: heading = (heading + 1) % MazeActions.HeadingSteps; break;
            case MazeActions.StrafeLeft: Move(s * MazeActions.SideStep, -c * MazeActions.SideStep); break;
            case MazeActions.StrafeRight: Move(-s * MazeActions.SideStep, c * MazeActions.SideStep); break;
        }
        step++;
        int cx = (int)x, cy = (int)y;
        var reward = 0f;
        if (!visited[cy * Layout.Width + cx])
        {
            visited[cy * Layout.Width + cx] = true;
            reward = 1f;
        }
        var info = new Dictionary<string, object>
        {
            ["x"] = x,
            ["y"] = y,
            ["heading"] = heading * 360.0 / MazeActions.HeadingSteps,
            ["cell"] = new[] { cx, cy },
            ["step"] = step,
        };
        return new StepResult(new Observation(Render(), Streams(reward)), maxSteps is { } m && step >= m, info);
    }

    private StreamValues Streams(float reward) => new()
    {
        [StreamNames.Reward] = [reward],
        [StreamNames.Pose] = [(float)x, (float)y, (float)Cos[heading], (float)Sin[heading]],
    };

    /// <summary>The frame seen from the current pose (a new array the caller owns), without advancing time.</summary>
    public byte[] Render()
    {
        var frame = new byte[renderer.FrameBytes];
        renderer.Render(x, y, Cos[heading], Sin[heading], frame);
        return frame;
    }

    /// <summary>
    /// Puts the agent at (x, y) facing headingRadians, rounded to the nearest 7.5-degree step (for tests and evaluation).
    /// The position must keep the agent's clearance from walls and pillars.
    /// </summary>
    public void Teleport(double x, double y, double headingRadians)
    {
        if (Blocked(x, y))
            throw new OrreryException($"cannot teleport to ({x}, {y}) in maze world {World}: too close to a wall or pillar");
        this.x = x;
        this.y = y;
        var h = (int)Math.Round(headingRadians / TurnStep) % MazeActions.HeadingSteps;
        heading = h < 0 ? h + MazeActions.HeadingSteps : h;
        visited[(int)y * Layout.Width + (int)x] = true;
    }

    void ICopyableEnvironment.CopyFrom(IEnvironment source)
    {
        var other = source as MazeEnvironment ?? throw new ArgumentException($"a maze environment cannot copy {source.Name}", nameof(source));
        if (other.World != World || other.Spec.Observation != Spec.Observation) throw new ArgumentException("a maze of another world or resolution", nameof(source));
        (x, y, heading, step) = (other.x, other.y, other.heading, other.step);
        Array.Copy(other.visited, visited, visited.Length);
    }

    // Each axis is resolved on its own, so a blocked diagonal move slides along the wall.
    private void Move(double dx, double dy)
    {
        if (!Blocked(x + dx, y)) x += dx;
        else if (!Blocked(x + dx * 0.5, y)) x += dx * 0.5;
        if (!Blocked(x, y + dy)) y += dy;
        else if (!Blocked(x, y + dy * 0.5)) y += dy * 0.5;
    }

    private bool Blocked(double px, double py)
    {
        int x0 = (int)Math.Floor(px - AgentRadius), x1 = (int)Math.Floor(px + AgentRadius);
        int y0 = (int)Math.Floor(py - AgentRadius), y1 = (int)Math.Floor(py + AgentRadius);
        for (var ty = y0; ty <= y1; ty++)
            for (var tx = x0; tx <= x1; tx++)
                if (Layout.IsWall(tx, ty)) return true;
        const double reach = (AgentRadius + Landmarks.Radius) * (AgentRadius + Landmarks.Radius);
        foreach (var p in Landmarks.Pillars)
            if ((p.X - px) * (p.X - px) + (p.Y - py) * (p.Y - py) < reach) return true;
        return false;
    }
}
