using System.Globalization;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.MuJoCo;

namespace Orrery.Environments.Reach;

/// <summary>
/// The first continuous-control world: a planar two-link arm (<see cref="ReachArm"/>) on a table, simulated by MuJoCo
/// 2.2.2 and drawn from above by <see cref="ReachRenderer"/>; after dm_control's reacher (Tassa et al. 2018).
/// <list type="bullet">
/// <item>Reset(seed) draws the joint angles and a target anywhere the fingertip can reach (uniform over the annulus
/// <see cref="TargetMinDistance"/>..<see cref="TargetMaxDistance"/> around the shoulder); the arm starts at rest.</item>
/// <item>Actions: a box of two torques, shoulder and elbow, in [-1, 1] (refused, never clipped, outside it).</item>
/// <item>Clock: 24 fps; each frame is <see cref="ReachArm.FrameSkip"/> physics steps of 1/240 s, so a frame is exactly
/// 1/24 s of simulated time. A full torque turns a joint at up to about 3 rad/s (7 degrees a frame).</item>
/// <item>Streams: <see cref="StateStream"/> (8 floats), reward = minus the fingertip's distance to the target (0 on
/// the first frame), success = 1 while the fingertip is within <see cref="TargetRadius"/> of the target.</item>
/// <item>Done: false, unless a maxSteps is given (world models need endless sessions). Info: step, distance (m).</item>
/// </list>
/// Deterministic: the same seed and actions give identical frames and streams. Step returns a new observation that
/// the caller owns. Holds native MuJoCo memory: dispose it, or the finalizer frees it.
/// </summary>
public sealed class ReachEnvironment : ICopyableEnvironment, IDisposable
{
    public const string EnvironmentName = "reach";

    public const int FramesPerSecond = 24;

    /// <summary>Radius of the target disc (m); the task is solved while the fingertip's centre is inside it.</summary>
    public const double TargetRadius = 0.025;

    /// <summary>Nearest target to the shoulder (m); the elbow limit keeps the fingertip at least 0.042 m away.</summary>
    public const double TargetMinDistance = 0.06;

    /// <summary>Farthest target from the shoulder (m), short of the full reach of 0.24 where the arm would have to straighten.</summary>
    public const double TargetMaxDistance = 0.21;

    /// <summary>Joint angles a reset draws: the shoulder anywhere, the elbow within this many radians of straight.</summary>
    public const double StartElbowRange = 2.5;

    private readonly MuJoCoPhysics physics;
    private readonly ReachRenderer renderer;
    private readonly int? maxSteps;
    private readonly int upper, fore, fingertip;
    private readonly double[] positions = new double[2];
    private readonly double[] velocities = new double[2];
    private readonly double[] controls = new double[2];
    private (double X, double Y) target;
    private int step;

    /// <summary>Creates the arm; frames are resolution x resolution x 3 (64 or 128).</summary>
    public ReachEnvironment(int resolution = ReachRenderer.NativeResolution, int? maxSteps = null)
    {
        if (maxSteps is <= 0) throw new OrreryException($"reach max steps must be positive; got {maxSteps}");
        renderer = new ReachRenderer(resolution);
        Spec = SpecFor(resolution);
        this.maxSteps = maxSteps;
        physics = new MuJoCoPhysics(ReachArm.Mjcf);
        upper = physics.BodyId(ReachArm.UpperBody);
        fore = physics.BodyId(ReachArm.ForeBody);
        fingertip = physics.SiteId(ReachArm.FingertipSite);
        Reset(0);
    }

    public string Name => EnvironmentName;

    public WorldSpec Spec { get; }

    /// <summary>Two joint torques, each in [-1, 1] of the motor's full torque.</summary>
    public static BoxActionSpace Actions { get; } = new(["shoulder", "elbow"], [-1f, -1f], [1f, 1f]);

    /// <summary>The arm's proprioception and the positions that define the task, one frame at a time.</summary>
    public static StreamSpec StateStream { get; } = new(
        StreamNames.State,
        ["shoulder_angle", "elbow_angle", "shoulder_velocity", "elbow_velocity", "fingertip_x", "fingertip_y", "target_x", "target_y"],
        "rad, rad/s, m",
        "joint angles (shoulder wrapped to [-pi, pi], elbow 0 when straight, counter-clockwise positive), joint velocities, fingertip and target on the table (shoulder at the origin, +x right, +y up in the frame)");

    /// <summary>Minus the fingertip's distance to the target.</summary>
    public static StreamSpec RewardStream { get; } = new(StreamNames.Reward, [StreamNames.Reward], "m", "minus the fingertip's distance to the target; 0 on an episode's first frame");

    /// <summary>Whether the fingertip is on the target.</summary>
    public static StreamSpec SuccessStream { get; } = new(StreamNames.Success, [StreamNames.Success], "0/1", "1 while the fingertip is within the target's radius, else 0");

    /// <summary>The world a reach environment at <paramref name="resolution"/> records, without loading MuJoCo.</summary>
    public static WorldSpec SpecFor(int resolution) => new()
    {
        Environment = EnvironmentName,
        Parameters = new Dictionary<string, string> { ["resolution"] = resolution.ToString(CultureInfo.InvariantCulture) },
        Fps = FramesPerSecond,
        Observation = new ObservationSpec(resolution, resolution, 3),
        Actions = Actions,
        Streams = [StateStream, RewardStream, SuccessStream],
    };

    /// <summary>
    /// The task's success rule read off a <see cref="StateStream"/> frame: the fingertip within the target's radius. A
    /// learned simulator is judged by it on the state it predicts, as the truth is on its own.
    /// </summary>
    public static bool SolvedByState(IReadOnlyList<float> state) =>
        Reached(Gap(state[FingertipXField] - state[TargetXField], state[FingertipYField] - state[TargetYField]));

    // after StateStream: static initializers run in the order written
    private static readonly int FingertipXField = StateStream.Field("fingertip_x"), FingertipYField = StateStream.Field("fingertip_y"),
                                TargetXField = StateStream.Field("target_x"), TargetYField = StateStream.Field("target_y");

    private static bool Reached(double distance) => distance <= TargetRadius;

    private static double Gap(double dx, double dy) => Math.Sqrt(Square(dx) + Square(dy));

    /// <summary>Where the episode's target is (m).</summary>
    public (double X, double Y) Target => target;

    /// <summary>Where the fingertip is (m).</summary>
    public (double X, double Y) Fingertip => Planar(physics.SitePosition(fingertip));

    /// <summary>Distance from the fingertip to the target (m).</summary>
    public double Distance
    {
        get
        {
            var tip = Fingertip;
            return Gap(tip.X - target.X, tip.Y - target.Y);
        }
    }

    /// <summary>Steps taken since the last Reset.</summary>
    public int StepCount => step;

    /// <summary>Simulated seconds since the last Reset.</summary>
    public double Time => physics.Time;

    public Observation Reset(int seed)
    {
        var rng = SplitMix64.From(0x52454143, seed); // "REAC"
        var shoulder = (rng.NextDouble() * 2 - 1) * Math.PI;
        var elbow = (rng.NextDouble() * 2 - 1) * StartElbowRange;
        // uniform over the annulus: the squared radius is uniform
        var r = Math.Sqrt(Square(TargetMinDistance) + rng.NextDouble() * (Square(TargetMaxDistance) - Square(TargetMinDistance)));
        var angle = rng.NextDouble() * 2 * Math.PI;
        return Teleport(shoulder, elbow, r * Math.Cos(angle), r * Math.Sin(angle));
    }

    /// <summary>
    /// Starts an episode with the arm at rest at the given joint angles (rad) and the target at (targetX, targetY) (m),
    /// for tests and evaluation; the elbow must be within its limit of 160 degrees.
    /// </summary>
    public Observation Teleport(double shoulder, double elbow, double targetX, double targetY)
    {
        if (!(Math.Abs(elbow) <= ReachArm.ElbowLimit) || !double.IsFinite(shoulder) || !double.IsFinite(targetX) || !double.IsFinite(targetY))
            throw new OrreryException($"reach: cannot place the arm at shoulder {shoulder}, elbow {elbow} rad with the target at ({targetX}, {targetY}); expected finite numbers and |elbow| <= {ReachArm.ElbowLimit:F4}");
        physics.Reset();
        positions[0] = shoulder;
        positions[1] = elbow;
        Array.Clear(velocities);
        physics.SetState(positions, velocities);
        target = (targetX, targetY);
        step = 0;
        return Observe(reward: 0f);
    }

    public StepResult Step(ActionVector action)
    {
        var torques = Actions.Validate(action).Values;
        for (var i = 0; i < controls.Length; i++) controls[i] = torques[i];
        physics.Step(controls, ReachArm.FrameSkip);
        step++;
        var distance = Distance;
        var info = new Dictionary<string, object> { ["step"] = step, ["distance"] = distance };
        return new StepResult(Observe((float)-distance), maxSteps is { } m && step >= m, info);
    }

    /// <summary>The current frame (a new array the caller owns), without advancing time.</summary>
    public byte[] Render()
    {
        var frame = new byte[renderer.FrameBytes];
        renderer.Render(Planar(physics.BodyPosition(upper)), Planar(physics.BodyPosition(fore)), Fingertip, target, frame);
        return frame;
    }

    void ICopyableEnvironment.CopyFrom(IEnvironment source)
    {
        var other = source as ReachEnvironment ?? throw new ArgumentException($"a reach environment cannot copy {source.Name}", nameof(source));
        if (other.Spec.Observation != Spec.Observation) throw new ArgumentException("a reach environment of another resolution", nameof(source));
        physics.CopyFrom(other.physics);
        target = other.target;
        step = other.step;
    }

    public void Dispose() => physics.Dispose();

    private Observation Observe(float reward)
    {
        physics.ReadPositions(positions);
        physics.ReadVelocities(velocities);
        var tip = Fingertip;
        float[] state =
        [
            (float)Math.IEEERemainder(positions[0], 2 * Math.PI), (float)positions[1],
            (float)velocities[0], (float)velocities[1],
            (float)tip.X, (float)tip.Y, (float)target.X, (float)target.Y,
        ];
        var success = Reached(Distance) ? 1f : 0f;
        return new Observation(Render(), new StreamValues
        {
            [StreamNames.State] = state,
            [StreamNames.Reward] = [reward],
            [StreamNames.Success] = [success],
        });
    }

    private static (double X, double Y) Planar((double X, double Y, double Z) p) => (p.X, p.Y);

    private static double Square(double v) => v * v;
}
