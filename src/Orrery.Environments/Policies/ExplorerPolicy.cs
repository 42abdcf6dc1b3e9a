using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>
/// Purposeful coverage for data collection: counts how often it has entered each tile, plans a breadth-first path to
/// the nearest least-visited tile (ties broken by the seed), turns toward the next tile centre and walks there. On
/// reaching a goal at a junction or dead end it sometimes (LookAroundChance) turns a full circle, so a dataset sees every place from many
/// headings. It reads the world through <see cref="IGridWorld"/> (pose and walls), never the pixels. If a waypoint
/// is not reached within StuckSteps (e.g. a pillar is in the way) it gives up on that goal and plans again.
/// </summary>
public sealed class ExplorerPolicy : IPolicy
{
    public const double LookAroundChance = 0.25;
    public const int StuckSteps = 60;

    private readonly IGridWorld world;
    private readonly int forward, turnLeft, turnRight;
    private readonly int[] visits;
    private readonly int[] parent;
    private readonly Queue<int> frontier = new();
    private readonly List<int> path = []; // tile indices, next waypoint first
    private SplitMix64 rng;
    private int lastTile = -1;
    private int stepsOnWaypoint;
    private int lookRemaining;
    private int lookAction;

    public ExplorerPolicy(IGridWorld world, DiscreteActionSpace actions)
    {
        this.world = world;
        forward = actions.IndexOf("forward");
        turnLeft = actions.IndexOf("turn-left");
        turnRight = actions.IndexOf("turn-right");
        visits = new int[world.Width * world.Height];
        parent = new int[visits.Length];
        Reset(0);
    }

    /// <summary>Wraps an environment; it must expose its grid (e.g. the maze), otherwise the explorer cannot plan.</summary>
    public static ExplorerPolicy For(Orrery.Core.Environments.IEnvironment env) =>
        Fits(env)
            ? new ExplorerPolicy((IGridWorld)env, (DiscreteActionSpace)env.Spec.Actions!)
            : throw new OrreryException($"policy 'explorer' needs a grid world; environment '{env.Name}' is not one (use 'random' or 'scripted')");

    /// <summary>Whether the explorer can plan in <paramref name="env"/>: a grid world with discrete actions.</summary>
    public static bool Fits(Orrery.Core.Environments.IEnvironment env) => env is IGridWorld && env.Spec.Actions is DiscreteActionSpace;

    public string Name => "explorer";

    public void Reset(int seed)
    {
        rng = SplitMix64.From(0x4558504C, seed); // "EXPL"
        Array.Clear(visits);
        path.Clear();
        lastTile = -1;
        stepsOnWaypoint = 0;
        lookRemaining = 0;
    }

    public ActionVector Act(Orrery.Core.Environments.Observation observation, int step) => ActionVector.Discrete(NextAction());

    private int NextAction()
    {
        var pose = world.Pose;
        var tile = pose.CellY * world.Width + pose.CellX;
        if (tile != lastTile)
        {
            visits[tile]++;
            lastTile = tile;
        }
        if (lookRemaining > 0)
        {
            lookRemaining--;
            return lookAction;
        }
        if (path.Count > 0 && ++stepsOnWaypoint > StuckSteps)
        {
            visits[path[^1]]++; // make the unreachable goal less attractive
            path.Clear();
        }
        if (path.Count > 0 && Reached(pose, tile))
        {
            path.RemoveAt(0);
            stepsOnWaypoint = 0;
            if (path.Count == 0 && IsJunctionOrDeadEnd(tile) && rng.NextDouble() < LookAroundChance)
            {
                lookRemaining = (int)Math.Round(2 * Math.PI / world.TurnStep) - 1;
                lookAction = rng.NextInt(2) == 0 ? turnLeft : turnRight;
                return lookAction;
            }
        }
        if (path.Count == 0) Plan(tile);
        if (path.Count == 0) return turnRight; // nowhere to go (a closed cell): look around

        var goal = path[0];
        double gx = goal % world.Width + 0.5, gy = goal / world.Width + 0.5;
        var diff = Math.IEEERemainder(Math.Atan2(gy - pose.Y, gx - pose.X) - pose.Heading, 2 * Math.PI);
        if (Math.Abs(diff) > world.TurnStep / 2 + 1e-9) return diff > 0 ? turnRight : turnLeft;
        return forward;
    }

    // A waypoint counts when the agent is near its centre; the final goal counts as soon as the agent is in it.
    private bool Reached(GridPose pose, int tile)
    {
        var goal = path[0];
        if (tile != goal) return false;
        if (path.Count == 1) return true;
        double dx = pose.X - (goal % world.Width + 0.5), dy = pose.Y - (goal / world.Width + 0.5);
        return dx * dx + dy * dy < 0.3 * 0.3;
    }

    // Corridors are seen well while walking them; look around where views open up or end.
    private bool IsJunctionOrDeadEnd(int tile)
    {
        int x = tile % world.Width, y = tile / world.Width;
        var open = (world.IsWall(x + 1, y) ? 0 : 1) + (world.IsWall(x - 1, y) ? 0 : 1) + (world.IsWall(x, y + 1) ? 0 : 1) + (world.IsWall(x, y - 1) ? 0 : 1);
        return open != 2;
    }

    // Breadth-first search from the agent's tile; goal = least visited, then nearest, then a seeded coin.
    private void Plan(int start)
    {
        Array.Fill(parent, -2);
        parent[start] = -1;
        frontier.Clear();
        frontier.Enqueue(start);
        int best = -1, bestVisits = int.MaxValue;
        ulong bestTie = 0;
        var w = world.Width;
        Span<int> offsets = [1, -1, w, -w];
        while (frontier.Count > 0)
        {
            var t = frontier.Dequeue();
            if (t != start)
            {
                var tie = rng.NextUInt64();
                if (visits[t] < bestVisits || (visits[t] == bestVisits && best >= 0 && tie < bestTie && SameDistance(t, best)))
                {
                    best = t;
                    bestVisits = visits[t];
                    bestTie = tie;
                }
            }
            foreach (var o in offsets)
            {
                var n = t + o;
                if (parent[n] != -2 || world.IsWall(n % w, n / w)) continue;
                parent[n] = t;
                frontier.Enqueue(n);
            }
        }
        path.Clear();
        stepsOnWaypoint = 0;
        for (var t = best; t >= 0 && t != start; t = parent[t]) path.Insert(0, t);
    }

    private bool SameDistance(int a, int b) => Depth(a) == Depth(b);

    private int Depth(int t)
    {
        var d = 0;
        for (; parent[t] >= 0; t = parent[t]) d++;
        return d;
    }
}
