using System.Globalization;

namespace Orrery.Environments.Push;

/// <summary>
/// The walled table of <see cref="PushEnvironment"/>: a round pusher and a T-shaped block (<see cref="TeeShape"/>),
/// their dimensions (metres, kilograms, seconds) and the MJCF model built from them, after Diffusion Policy's PushT
/// (Chi et al. 2023), scaled from its 512-pixel workspace to a table 0.5 m across. Nothing moves along z: the pusher
/// slides in x and y, the block slides in x and y and turns about z, so the table's friction is each joint's dry
/// friction (frictionloss) rather than contacts under gravity, the way PushT's pymunk scene fakes it with a pivot to
/// the ground.
/// </summary>
public static class PushTable
{
    /// <summary>Half the side of the table inside its walls (m).</summary>
    public const double HalfWidth = 0.25;

    /// <summary>Radius of the pusher's disc (a sphere at the block's mid-height, so contacts are horizontal).</summary>
    public const double PusherRadius = 0.02;

    /// <summary>The pusher's target in metres is the action times this: the disc stays inside the walls.</summary>
    public const double TargetReach = 0.22;

    /// <summary>Mass of the pusher (kg), heavy like an end effector so the block barely slows it.</summary>
    public const double PusherMass = 1.0;

    /// <summary>Stiffness of the pusher's position servo (N/m): a 1 cm error pushes with 9 N, far above the block's friction.</summary>
    public const double PusherStiffness = 900;

    /// <summary>Viscous damping of the pusher's slides (N s/m): critical damping for <see cref="PusherStiffness"/> and <see cref="PusherMass"/>.</summary>
    public const double PusherDamping = 60;

    /// <summary>The servo's force limit (N): with <see cref="PusherDamping"/> it caps the pusher's speed at 0.5 m/s (2 cm a frame),
    /// so a far target is a glide across the table, visible at 24 fps, and no substep moves the disc through the block.</summary>
    public const double PusherForceLimit = 30;

    /// <summary>Dry friction of the block's slides (N): about a friction coefficient of 0.8 under its 0.25 kg.</summary>
    public const double BlockSlideFriction = 2.0;

    /// <summary>Dry friction of the block's hinge (N m): the slide friction at a lever of 3 cm, the T's typical radius.</summary>
    public const double BlockTurnFriction = 0.06;

    /// <summary>Viscous damping of the block's slides (N s/m), so a push's momentum dies within a few frames.</summary>
    public const double BlockDamping = 0.5;

    /// <summary>Viscous damping of the block's hinge (N m s/rad): the slides' damping at a lever of 10 cm.</summary>
    public const double BlockTurnDamping = 0.005;

    /// <summary>Friction between the pusher and the block.</summary>
    public const double ContactFriction = 0.5;

    /// <summary>Physics step: 240 Hz, ten steps per frame at 24 fps, so one frame is exactly 1/24 s of simulated time.</summary>
    public const double Timestep = 1.0 / 240;

    /// <summary>Physics steps per frame.</summary>
    public const int FrameSkip = 10;

    /// <summary>Names of the joints, in qpos order: pusher x, y, then block x, y, angle.</summary>
    public const string PusherX = "pusher_x", PusherY = "pusher_y", BlockX = "block_x", BlockY = "block_y", BlockAngle = "block_angle";

    private const double BlockHalfHeight = 0.025;
    private const double WallHalfThickness = 0.02;

    /// <summary>The MJCF document: the block of density 1000 kg/m^3 (0.25 kg), walls just outside the table, two position servos with ctrl in metres.</summary>
    public static string Mjcf { get; } = string.Create(CultureInfo.InvariantCulture, $"""
        <mujoco model="orrery-push">
          <compiler angle="radian"/>
          <option timestep="{Timestep:R}" gravity="0 0 0"/>
          <default>
            <geom friction="{ContactFriction:R} 0.005 0.0001"/>
          </default>
          <worldbody>
            {Wall(HalfWidth + WallHalfThickness, 0, WallHalfThickness, HalfWidth + 2 * WallHalfThickness)}
            {Wall(-HalfWidth - WallHalfThickness, 0, WallHalfThickness, HalfWidth + 2 * WallHalfThickness)}
            {Wall(0, HalfWidth + WallHalfThickness, HalfWidth + 2 * WallHalfThickness, WallHalfThickness)}
            {Wall(0, -HalfWidth - WallHalfThickness, HalfWidth + 2 * WallHalfThickness, WallHalfThickness)}
            <body name="pusher">
              <joint name="{PusherX}" type="slide" axis="1 0 0" damping="{PusherDamping:R}"/>
              <joint name="{PusherY}" type="slide" axis="0 1 0" damping="{PusherDamping:R}"/>
              <geom type="sphere" size="{PusherRadius:R}" mass="{PusherMass:R}"/>
            </body>
            <body name="block">
              <joint name="{BlockX}" type="slide" axis="1 0 0" frictionloss="{BlockSlideFriction:R}" damping="{BlockDamping:R}"/>
              <joint name="{BlockY}" type="slide" axis="0 1 0" frictionloss="{BlockSlideFriction:R}" damping="{BlockDamping:R}"/>
              <joint name="{BlockAngle}" type="hinge" axis="0 0 1" frictionloss="{BlockTurnFriction:R}" damping="{BlockTurnDamping:R}"/>
              {Box(TeeShape.Bar)}
              {Box(TeeShape.Stem)}
            </body>
          </worldbody>
          <actuator>
            {Servo(PusherX)}
            {Servo(PusherY)}
          </actuator>
        </mujoco>
        """);

    private static string Wall(double x, double y, double halfX, double halfY) =>
        string.Create(CultureInfo.InvariantCulture, $"""<geom type="box" pos="{x:R} {y:R} 0" size="{halfX:R} {halfY:R} {2 * BlockHalfHeight:R}"/>""");

    private static string Box(TeeShape.Rectangle r) =>
        string.Create(CultureInfo.InvariantCulture, $"""<geom type="box" pos="{r.CentreX:R} {r.CentreY:R} 0" size="{r.HalfWidth:R} {r.HalfHeight:R} {BlockHalfHeight:R}"/>""");

    private static string Servo(string joint) =>
        string.Create(CultureInfo.InvariantCulture, $"""<position joint="{joint}" kp="{PusherStiffness:R}" ctrllimited="true" ctrlrange="{-TargetReach:R} {TargetReach:R}" forcelimited="true" forcerange="{-PusherForceLimit:R} {PusherForceLimit:R}"/>""");
}
