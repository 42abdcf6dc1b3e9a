using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.Push;

namespace Orrery.Environments.Policies;

/// <summary>
/// The scripted expert of <see cref="PushEnvironment"/>, reading only the `state` stream. Each frame it asks which way
/// the block should move: a twist (toward the goal's centre, turning toward the goal's angle). It scores points on the
/// T's outline by how well a push there, along the inward normal, would give that twist (a quasi-static push: the
/// block moves along the push and turns by the push's moment about its centre), and keeps its point while it stays
/// nearly best, so it does not dither. Then it goes behind the point, around the block when the block is in the
/// way, and pushes by as much as the block still has to move. With <see cref="TurnWeight"/> 0 it only moves the
/// centre, never aims at the angle and stops once the centre is there: the weak expert. Deterministic; it ignores the seed.
/// </summary>
public sealed class PushExpertPolicy : IPolicy
{
    /// <summary>Metres of error one radian of angle error is worth when the two are weighed (about the tolerances' ratio).</summary>
    public const double TurnWeight = 0.08;

    /// <summary>Radius about the centre at which a push turns the block as readily as it moves it (m), the T's size.</summary>
    public const double TurnRadius = 0.035;

    /// <summary>The pusher waits this far behind its contact point before it pushes (m).</summary>
    public const double Standoff = 0.012;

    /// <summary>A push moves the pusher at most this far past its contact point in one frame (m).</summary>
    public const double MaxPush = 0.03;

    /// <summary>A kept contact point is dropped once another scores better by this much (cosine).</summary>
    public const double Hysteresis = 0.15;

    private const double OutlineSpacing = TeeShape.Unit / 2;
    private const double Clearance = PushTable.PusherRadius + 0.004;

    private static readonly Contact[] Outline = BuildOutline();

    private readonly double turnWeight;
    private readonly string name;
    private int kept = -1;

    private PushExpertPolicy(string name, double turnWeight)
    {
        this.name = name;
        this.turnWeight = turnWeight;
    }

    /// <summary>A point of the T's outline in its frame and the inward normal a push there follows.</summary>
    private readonly record struct Contact(double X, double Y, double NormalX, double NormalY);

    /// <summary>The expert that aims at the goal's centre and angle.</summary>
    public static PushExpertPolicy Expert() => new("expert", TurnWeight);

    /// <summary>The weak expert: brings the block's centre to the goal's but never aims at its angle.</summary>
    public static PushExpertPolicy Weak() => new("expert-weak", 0);

    /// <summary>Whether <paramref name="env"/> is the push task, the only one this expert knows.</summary>
    public static bool Fits(IEnvironment env) => env.Spec.Environment == PushEnvironment.EnvironmentName;

    public string Name => name;

    public void Reset(int seed) => kept = -1;

    public ActionVector Act(Observation observation, int step)
    {
        if (!observation.Streams.TryGetValue(StreamNames.State, out var state) || state.Length != PushEnvironment.StateStream.Size)
            throw new OrreryException($"policy '{name}' reads the '{StreamNames.State}' stream of {PushEnvironment.StateStream.Size} floats ({string.Join(", ", PushEnvironment.StateStream.Fields)}); the observation has none");
        // state: pusher x, y; block x, y, sin, cos (PushEnvironment.StateStream)
        (double X, double Y) pusher = (state[0], state[1]);
        var block = new BlockPose(state[2], state[3], Math.Atan2(state[4], state[5]));
        var goal = PushEnvironment.Goal;
        double ex = goal.X - block.X, ey = goal.Y - block.Y, turn = turnWeight * Math.IEEERemainder(goal.Angle - block.Angle, 2 * Math.PI);
        var size = Math.Sqrt(ex * ex + ey * ey + turn * turn);
        if (Settled(ex, ey, block.Angle - goal.Angle)) return Target(pusher); // stand still where it is
        var contact = Choose(block, ex / size, ey / size, turn / size);
        // no side the pusher fits behind (the block against a wall): circle it until one opens
        if (contact < 0) return Target(Orbit(pusher, block, Math.Atan2(pusher.Y - block.Y, pusher.X - block.X) + 1));
        var c = Outline[contact];
        var (px, py) = TeeShape.ToTable(block, c.X, c.Y);
        var (nx, ny) = Rotate(block, c.NormalX, c.NormalY);
        (double X, double Y) touch = (px - nx * PushTable.PusherRadius, py - ny * PushTable.PusherRadius);
        (double X, double Y) behind = (touch.X - nx * Standoff, touch.Y - ny * Standoff);
        if (InCorridor(pusher, touch, nx, ny))
        {
            var depth = Math.Min(size, MaxPush);
            return Target((touch.X + nx * depth, touch.Y + ny * depth));
        }
        return Target(PathClear(block, pusher, behind) ? behind : Orbit(pusher, block, Math.Atan2(behind.Y - block.Y, behind.X - block.X)));
    }

    // Near enough that a further push would more likely overshoot than help: half the success tolerances (the weak
    // expert, blind to the angle, stops once the centre is there).
    private bool Settled(double ex, double ey, double angle) =>
        Math.Sqrt(ex * ex + ey * ey) <= PushEnvironment.PositionTolerance / 2
        && (turnWeight == 0 || Math.Abs(Math.IEEERemainder(angle, 2 * Math.PI)) <= PushEnvironment.AngleTolerance / 2);

    // The reachable contact whose push best gives the wanted twist (wx, wy, wTurn), unit length; -1 when none is reachable.
    private int Choose(BlockPose block, double wx, double wy, double wTurn)
    {
        int best = -1;
        double bestScore = double.NegativeInfinity, keptScore = double.NegativeInfinity;
        for (var i = 0; i < Outline.Length; i++)
        {
            var c = Outline[i];
            if (!Reachable(block, c)) continue;
            var (nx, ny) = Rotate(block, c.NormalX, c.NormalY);
            var (rx, ry) = Rotate(block, c.X, c.Y);
            // twist per metre pushed: translation along the normal, rotation by the moment r x n over TurnRadius^2
            var spin = turnWeight * (rx * ny - ry * nx) / (TurnRadius * TurnRadius);
            var score = (nx * wx + ny * wy + spin * wTurn) / Math.Sqrt(1 + spin * spin);
            if (score > bestScore) (best, bestScore) = (i, score);
            if (i == kept) keptScore = score;
        }
        kept = keptScore > bestScore - Hysteresis ? kept : best;
        return kept;
    }

    // The pusher fits behind the point (not inside the T's notch walls) and the servo can get it there.
    private static bool Reachable(BlockPose block, Contact c)
    {
        double bx = c.X - c.NormalX * (PushTable.PusherRadius + Standoff), by = c.Y - c.NormalY * (PushTable.PusherRadius + Standoff);
        if (TeeShape.Distance(bx, by) < Clearance) return false;
        var (x, y) = TeeShape.ToTable(block, bx, by);
        return Math.Abs(x) <= PushTable.TargetReach && Math.Abs(y) <= PushTable.TargetReach;
    }

    // Behind the contact point and on its line: from here a push along the normal meets the block where it should.
    private static bool InCorridor((double X, double Y) pusher, (double X, double Y) touch, double nx, double ny)
    {
        double dx = pusher.X - touch.X, dy = pusher.Y - touch.Y;
        var along = dx * nx + dy * ny;           // negative behind the contact
        var across = Math.Abs(-dx * ny + dy * nx);
        return along is > -(Standoff + 0.008) and < 0.01 && across < 0.006;
    }

    // Whether the pusher can move straight from `from` to `to` without touching the T.
    private static bool PathClear(BlockPose block, (double X, double Y) from, (double X, double Y) to)
    {
        const int Checks = 12;
        for (var k = 0; k <= Checks; k++)
        {
            var t = (double)k / Checks;
            var (x, y) = TeeShape.ToBlock(block, from.X + t * (to.X - from.X), from.Y + t * (to.Y - from.Y));
            if (TeeShape.Distance(x, y) < Clearance) return false;
        }
        return true;
    }

    // A step around the block, on a circle that clears it, from the pusher's bearing toward `bearing` the short way.
    private static (double X, double Y) Orbit((double X, double Y) pusher, BlockPose block, double bearing)
    {
        const double MaxStep = 0.7;              // rad per frame
        var radius = TeeShape.Radius + Clearance + 0.01;
        var from = Math.Atan2(pusher.Y - block.Y, pusher.X - block.X);
        var delta = Math.Clamp(Math.IEEERemainder(bearing - from, 2 * Math.PI), -MaxStep, MaxStep);
        return (block.X + radius * Math.Cos(from + delta), block.Y + radius * Math.Sin(from + delta));
    }

    private static (double X, double Y) Rotate(BlockPose block, double x, double y)
    {
        double c = Math.Cos(block.Angle), s = Math.Sin(block.Angle);
        return (c * x - s * y, s * x + c * y);
    }

    private static ActionVector Target((double X, double Y) point) =>
        ActionVector.Continuous((float)Math.Clamp(point.X / PushTable.TargetReach, -1, 1), (float)Math.Clamp(point.Y / PushTable.TargetReach, -1, 1));

    // Points every OutlineSpacing along each edge of the T (corners left out: their normal is ambiguous), inward normals.
    private static Contact[] BuildOutline()
    {
        var corners = TeeShape.Corners;
        var outline = new List<Contact>();
        for (var i = 0; i < corners.Count; i++)
        {
            var (ax, ay) = corners[i];
            var (bx, by) = corners[(i + 1) % corners.Count];
            var length = Math.Sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
            var points = Math.Max(1, (int)Math.Round(length / OutlineSpacing));
            // corners run counter-clockwise, so the outward normal of edge direction (dx, dy) is (dy, -dx): inward is (-dy, dx)
            double dx = (bx - ax) / length, dy = (by - ay) / length;
            for (var k = 0; k < points; k++)
            {
                var t = (k + 0.5) / points;
                outline.Add(new Contact(ax + t * (bx - ax), ay + t * (by - ay), -dy, dx));
            }
        }
        return [.. outline];
    }
}
