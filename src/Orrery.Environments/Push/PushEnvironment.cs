using System.Globalization;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.MuJoCo;

namespace Orrery.Environments.Push;

/// <summary>
/// The second continuous-control world: push a T-shaped block onto a goal pose with a round pusher, Diffusion
/// Policy's PushT (Chi et al. 2023) on MuJoCo 2.2.2 (<see cref="PushTable"/>), drawn from above by <see cref="PushRenderer"/>.
/// <list type="bullet">
/// <item>Reset(seed) draws the block's pose: its centre uniform in a square of half side <see cref="StartRange"/>, any
/// angle, clear of the pusher and not already near the goal. The pusher starts at rest at the table's centre, where
/// the box's no-op (0, 0) holds it. The goal is fixed, as in PushT: the centre, turned 45 degrees.</item>
/// <item>Actions: the pusher's target position, a box of two in [-1, 1] (refused, never clipped, outside it) scaled by
/// <see cref="PushTable.TargetReach"/>, tracked by a stiff position servo with a speed limit. A position rather than a
/// velocity, because that is PushT's action (the pusher follows the mouse pointer) and what a pointer gives a person
/// playing in the browser; a target that is held keeps the pusher still.</item>
/// <item>Clock: 24 fps; each frame is <see cref="PushTable.FrameSkip"/> physics steps of 1/240 s.</item>
/// <item>Streams: <see cref="StateStream"/> (6 floats); reward = minus the mean distance of the T's eight corners from
/// their places in the goal T (0 on the first frame); success = 1 while the block's centre is within
/// <see cref="PositionTolerance"/> of the goal's and its angle within <see cref="AngleTolerance"/> (a pose tolerance
/// rather than PushT's 95% overlap, which asks for about 2 mm).</item>
/// <item>Done: false, unless a maxSteps is given (world models need endless sessions). Info: step, position_error (m),
/// angle_error (rad).</item>
/// </list>
/// Deterministic: the same seed and actions give identical frames and streams. Step returns a new observation that
/// the caller owns. Holds native MuJoCo memory: dispose it, or the finalizer frees it.
/// </summary>
public sealed class PushEnvironment : ICopyableEnvironment, IDisposable
{
    public const string EnvironmentName = "push";

    public const int FramesPerSecond = 24;

    /// <summary>The block is solved while its centre is this close to the goal's (m): half the T's thickness.</summary>
    public const double PositionTolerance = 0.015;

    /// <summary>... and its angle this close to the goal's (rad, 10 degrees).</summary>
    public const double AngleTolerance = 10 * Math.PI / 180;

    /// <summary>A reset puts the block's centre anywhere within this many metres of the table's centre in x and in y.</summary>
    public const double StartRange = 0.15;

    /// <summary>A reset keeps the T at least this far from the pusher's disc (m).</summary>
    public const double StartClearance = 0.01;

    /// <summary>Where the block must go: PushT's goal, the centre of the table with the T turned 45 degrees.</summary>
    public static BlockPose Goal { get; } = new(0, 0, Math.PI / 4);

    private readonly MuJoCoPhysics physics;
    private readonly PushRenderer renderer;
    private readonly int? maxSteps;
    private readonly double[] positions = new double[5];        // pusher x, y; block x, y, angle (PushTable's joints)
    private readonly double[] velocities = new double[5];
    private readonly double[] controls = new double[2];
    private int step;

    /// <summary>Creates the table; frames are resolution x resolution x 3 (64 or 96).</summary>
    public PushEnvironment(int resolution = PushRenderer.NativeResolution, int? maxSteps = null)
    {
        if (maxSteps is <= 0) throw new OrreryException($"push max steps must be positive; got {maxSteps}");
        renderer = new PushRenderer(resolution);
        Spec = SpecFor(resolution);
        this.maxSteps = maxSteps;
        physics = new MuJoCoPhysics(PushTable.Mjcf);
        Reset(0);
    }

    public string Name => EnvironmentName;

    public WorldSpec Spec { get; }

    /// <summary>The pusher's target, x and y in [-1, 1] of <see cref="PushTable.TargetReach"/> either side of the table's centre.</summary>
    public static BoxActionSpace Actions { get; } = new(["target_x", "target_y"], [-1f, -1f], [1f, 1f]);

    /// <summary>Where the pusher and the block are, one frame at a time.</summary>
    public static StreamSpec StateStream { get; } = new(
        StreamNames.State,
        ["pusher_x", "pusher_y", "block_x", "block_y", "block_sin", "block_cos"],
        "m, 1",
        "pusher centre and the T's centre of area on the table (table centre at the origin, +x right, +y up in the frame), then the sine and cosine of the T's angle (counter-clockwise, 0 with the bar on top; the goal is at 45 degrees)");

    /// <summary>Minus the mean corner distance to the goal.</summary>
    public static StreamSpec RewardStream { get; } = new(StreamNames.Reward, [StreamNames.Reward], "m", "minus the mean distance of the T's eight corners from the goal T's; 0 on an episode's first frame");

    /// <summary>Whether the block is on the goal.</summary>
    public static StreamSpec SuccessStream { get; } = new(StreamNames.Success, [StreamNames.Success], "0/1", "1 while the T's centre is within 0.015 m of the goal's and its angle within 10 degrees, else 0");

    /// <summary>The pointer puts the pusher's target where it points: the view spans ViewHalfWidth, the action TargetReach.</summary>
    public static PointerControl Pointer { get; } =
        new([(float)(PushRenderer.ViewHalfWidth / PushTable.TargetReach), (float)(PushRenderer.ViewHalfWidth / PushTable.TargetReach)], HoldOnRelease: true);

    /// <summary>The world a push environment at <paramref name="resolution"/> records, without loading MuJoCo.</summary>
    public static WorldSpec SpecFor(int resolution) => new()
    {
        Environment = EnvironmentName,
        Parameters = new Dictionary<string, string> { ["resolution"] = resolution.ToString(CultureInfo.InvariantCulture) },
        Fps = FramesPerSecond,
        Observation = new ObservationSpec(resolution, resolution, 3),
        Actions = Actions,
        Streams = [StateStream, RewardStream, SuccessStream],
    };

    /// <summary>Where the pusher's centre is (m).</summary>
    public (double X, double Y) Pusher => (positions[0], positions[1]);

    /// <summary>Where the block is.</summary>
    public BlockPose Block => new(positions[2], positions[3], positions[4]);

    /// <summary>Distance from the block's centre to the goal's (m).</summary>
    public double PositionError => GoalDistance(positions[2], positions[3]);

    /// <summary>Angle from the block to the goal (rad, in [0, pi]).</summary>
    public double AngleError => GoalAngle(positions[4]);

    /// <summary>Whether the block is within the goal's tolerances.</summary>
    public bool Solved => OnGoal(PositionError, AngleError);

    /// <summary>
    /// The task's success rule read off a <see cref="StateStream"/> frame (the angle from its sine and cosine). A learned
    /// simulator is judged by it on the state it predicts, as the truth is on its own.
    /// </summary>
    public static bool SolvedByState(IReadOnlyList<float> state) =>
        OnGoal(GoalDistance(state[BlockXField], state[BlockYField]), GoalAngle(Math.Atan2(state[BlockSinField], state[BlockCosField])));

    // after StateStream: static initializers run in the order written
    private static readonly int BlockXField = StateStream.Field("block_x"), BlockYField = StateStream.Field("block_y"),
                                BlockSinField = StateStream.Field("block_sin"), BlockCosField = StateStream.Field("block_cos");

    private static bool OnGoal(double positionError, double angleError) => positionError <= PositionTolerance && angleError <= AngleTolerance;

    private static double GoalDistance(double x, double y) => Math.Sqrt(Square(x - Goal.X) + Square(y - Goal.Y));

    private static double GoalAngle(double angle) => Math.Abs(Math.IEEERemainder(angle - Goal.Angle, 2 * Math.PI));

    /// <summary>Steps taken since the last Reset.</summary>
    public int StepCount => step;

    /// <summary>Simulated seconds since the last Reset.</summary>
    public double Time => physics.Time;

    public Observation Reset(int seed)
    {
        var rng = SplitMix64.From(0x50555348, seed); // "PUSH"
        while (true)
        {
            var block = new BlockPose((rng.NextDouble() * 2 - 1) * StartRange, (rng.NextDouble() * 2 - 1) * StartRange, (rng.NextDouble() * 2 - 1) * Math.PI);
            if (Clearance(block, 0, 0) >= StartClearance && !NearGoal(block)) return Teleport(0, 0, block);
        }
    }

    /// <summary>
    /// Starts an episode with the pusher at rest at (pusherX, pusherY) and the block at rest at <paramref name="block"/>,
    /// for tests and evaluation: the pusher within the servo's reach, the T on the table and not under the pusher.
    /// </summary>
    public Observation Teleport(double pusherX, double pusherY, BlockPose block)
    {
        if (!Placeable(pusherX, pusherY, block))
            throw new OrreryException($"push: cannot place the pusher at ({pusherX}, {pusherY}) and the block at ({block.X}, {block.Y}, {block.Angle} rad); expected the pusher within {PushTable.TargetReach} m of the centre in x and y, the T inside the walls at {PushTable.HalfWidth} m and clear of the pusher");
        physics.Reset();
        positions[0] = pusherX;
        positions[1] = pusherY;
        positions[2] = block.X;
        positions[3] = block.Y;
        positions[4] = block.Angle;
        Array.Clear(velocities);
        physics.SetState(positions, velocities);
        step = 0;
        return Observe(reward: 0f);
    }

    public StepResult Step(ActionVector action)
    {
        var target = Actions.Validate(action).Values;
        for (var i = 0; i < controls.Length; i++) controls[i] = target[i] * PushTable.TargetReach;
        physics.Step(controls, PushTable.FrameSkip);
        step++;
        physics.ReadPositions(positions);
        var info = new Dictionary<string, object> { ["step"] = step, ["position_error"] = PositionError, ["angle_error"] = AngleError };
        return new StepResult(Observe((float)-CornerDistance(Block)), maxSteps is { } m && step >= m, info);
    }

    /// <summary>The current frame (a new array the caller owns), without advancing time.</summary>
    public byte[] Render()
    {
        var frame = new byte[renderer.FrameBytes];
        renderer.Render(Pusher, Block, Goal, frame);
        return frame;
    }

    /// <summary>Mean distance of the T's eight corners at <paramref name="block"/> from the goal T's (m): 0 exactly on the goal.</summary>
    public static double CornerDistance(BlockPose block)
    {
        var sum = 0.0;
        foreach (var (x, y) in TeeShape.Corners)
        {
            var (bx, by) = TeeShape.ToTable(block, x, y);
            var (gx, gy) = TeeShape.ToTable(Goal, x, y);
            sum += Math.Sqrt(Square(bx - gx) + Square(by - gy));
        }
        return sum / TeeShape.Corners.Count;
    }

    void ICopyableEnvironment.CopyFrom(IEnvironment source)
    {
        var other = source as PushEnvironment ?? throw new ArgumentException($"a push environment cannot copy {source.Name}", nameof(source));
        if (other.Spec.Observation != Spec.Observation) throw new ArgumentException("a push environment of another resolution", nameof(source));
        physics.CopyFrom(other.physics);
        Array.Copy(other.positions, positions, positions.Length);   // the pose Observe, Block and Solved read
        step = other.step;
    }

    public void Dispose() => physics.Dispose();

    // positions holds the state just written (Teleport) or read (Step)
    private Observation Observe(float reward)
    {
        float[] state =
        [
            (float)positions[0], (float)positions[1], (float)positions[2], (float)positions[3],
            (float)Math.Sin(positions[4]), (float)Math.Cos(positions[4]),
        ];
        return new Observation(Render(), new StreamValues
        {
            [StreamNames.State] = state,
            [StreamNames.Reward] = [reward],
            [StreamNames.Success] = [Solved ? 1f : 0f],
        });
    }

    // A start this close to the goal would be solved within a push or two: twice the tolerances.
    private static bool NearGoal(BlockPose block) =>
        Math.Sqrt(Square(block.X - Goal.X) + Square(block.Y - Goal.Y)) <= 2 * PositionTolerance
        && Math.Abs(Math.IEEERemainder(block.Angle - Goal.Angle, 2 * Math.PI)) <= 2 * AngleTolerance;

    private static bool Placeable(double pusherX, double pusherY, BlockPose block) =>
        double.IsFinite(pusherX) && double.IsFinite(pusherY) && double.IsFinite(block.X) && double.IsFinite(block.Y) && double.IsFinite(block.Angle)
        && Math.Abs(pusherX) <= PushTable.TargetReach && Math.Abs(pusherY) <= PushTable.TargetReach
        && TeeShape.Corners.All(c => TeeShape.ToTable(block, c.X, c.Y) is var (x, y) && Math.Abs(x) <= PushTable.HalfWidth && Math.Abs(y) <= PushTable.HalfWidth)
        && Clearance(block, pusherX, pusherY) >= 0;

    // Gap between the pusher's disc at (x, y) and the T (m); negative when they overlap.
    private static double Clearance(BlockPose block, double x, double y)
    {
        var (bx, by) = TeeShape.ToBlock(block, x, y);
        return TeeShape.Distance(bx, by) - PushTable.PusherRadius;
    }

    private static double Square(double v) => v * v;
}
