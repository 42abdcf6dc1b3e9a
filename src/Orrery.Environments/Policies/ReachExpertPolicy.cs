using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.Reach;

namespace Orrery.Environments.Policies;

/// <summary>
/// The expert for <see cref="ReachEnvironment"/>: solves the two-link inverse kinematics for the target it reads from
/// the observation's `state` stream, keeping the elbow bent the way it already is, and drives both joints to that
/// pose with a PD controller on the joint angles, torques clipped into [-1, 1]. Deterministic; it ignores the seed.
/// </summary>
public sealed class ReachExpertPolicy : IPolicy
{
    /// <summary>Torque (in actions) per radian of joint error.</summary>
    public const double Stiffness = 3.0;

    /// <summary>Torque (in actions) per rad/s of joint velocity, to arrive without overshooting.</summary>
    public const double Damping = 0.3;

    /// <summary>The elbow goal stays this far inside the joint limit, where the limit's spring would push back.</summary>
    public const double ElbowMargin = 0.05;

    /// <summary>The weak expert's stiffness, as a fraction of <see cref="Stiffness"/>: it creeps toward the target.</summary>
    public const double WeakFraction = 0.15;

    private readonly float[] torques = new float[2];
    private readonly double stiffness;

    private ReachExpertPolicy(string name, double stiffness)
    {
        Name = name;
        this.stiffness = stiffness;
    }

    /// <summary>The expert of <paramref name="env"/> when it is reach.</summary>
    public static ReachExpertPolicy For(IEnvironment env) =>
        Fits(env)
            ? Expert()
            : throw new OrreryException($"policy 'expert': environment '{env.Name}' has no expert (experts exist for: {ReachEnvironment.EnvironmentName}, {Push.PushEnvironment.EnvironmentName}); use 'random', 'explorer' or 'scripted'");

    /// <summary>The expert: stiff enough to arrive in about 20 frames, damped enough not to overshoot.</summary>
    public static ReachExpertPolicy Expert() => new("expert", Stiffness);

    /// <summary>The weak expert: the same plan with a soft grip, so it often runs out of time before arriving.</summary>
    public static ReachExpertPolicy Weak() => new("expert-weak", Stiffness * WeakFraction);

    /// <summary>Whether <paramref name="env"/> is the reach task, the only one this expert knows.</summary>
    public static bool Fits(IEnvironment env) => env.Spec.Environment == ReachEnvironment.EnvironmentName;

    public string Name { get; }

    public void Reset(int seed) { }

    public ActionVector Act(Observation observation, int step)
    {
        if (!observation.Streams.TryGetValue(StreamNames.State, out var state) || state.Length != ReachEnvironment.StateStream.Size)
            throw new OrreryException($"policy 'expert' reads the '{StreamNames.State}' stream of {ReachEnvironment.StateStream.Size} floats ({string.Join(", ", ReachEnvironment.StateStream.Fields)}); the observation has none");
        // state: shoulder, elbow angles; their velocities; fingertip x, y; target x, y (ReachEnvironment.StateStream)
        double shoulder = state[0], elbow = state[1], targetX = state[6], targetY = state[7];
        const double l1 = ReachArm.UpperLength, l2 = ReachArm.ForeLength;
        // law of cosines for the elbow; the shoulder then points the arm's chord at the target
        var cosElbow = Math.Clamp((targetX * targetX + targetY * targetY - l1 * l1 - l2 * l2) / (2 * l1 * l2), -1, 1);
        var elbowGoal = Math.Min(Math.Acos(cosElbow), ReachArm.ElbowLimit - ElbowMargin) * (elbow < 0 ? -1 : 1);
        var shoulderGoal = Math.Atan2(targetY, targetX) - Math.Atan2(l2 * Math.Sin(elbowGoal), l1 + l2 * Math.Cos(elbowGoal));
        torques[0] = Torque(Math.IEEERemainder(shoulderGoal - shoulder, 2 * Math.PI), state[2]);
        torques[1] = Torque(elbowGoal - elbow, state[3]);
        return ActionVector.Continuous(torques);
    }

    private float Torque(double error, double velocity) => (float)Math.Clamp(stiffness * error - Damping * velocity, -1, 1);
}
