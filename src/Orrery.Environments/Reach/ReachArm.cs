using System.Globalization;

namespace Orrery.Environments.Reach;

/// <summary>
/// The planar two-link arm of <see cref="ReachEnvironment"/>: its dimensions (metres, radians) and the MJCF model built
/// from them. Both joints turn about the table's normal (+z), so gravity does no work and the arm moves in the plane.
/// </summary>
public static class ReachArm
{
    /// <summary>Shoulder to elbow.</summary>
    public const double UpperLength = 0.12;

    /// <summary>Elbow to fingertip.</summary>
    public const double ForeLength = 0.12;

    /// <summary>Radius of both links' capsules.</summary>
    public const double LinkRadius = 0.014;

    /// <summary>Radius of the fingertip's sphere.</summary>
    public const double FingertipRadius = 0.018;

    /// <summary>The elbow bends at most this far either way (160 degrees), so the forearm never folds onto the upper arm.</summary>
    public const double ElbowLimit = 160 * Math.PI / 180;

    /// <summary>Physics step: 240 Hz, ten steps per frame at 24 fps, so one frame is exactly 1/24 s of simulated time.</summary>
    public const double Timestep = 1.0 / 240;

    /// <summary>Physics steps per frame.</summary>
    public const int FrameSkip = 10;

    /// <summary>Torque of a full action (N m). With <see cref="JointDamping"/> it caps joint speed near 3 rad/s, about
    /// 7 degrees a frame: a half turn takes over a second, visible at 24 fps yet easy to stop.</summary>
    public const double Gear = 0.012;

    /// <summary>Viscous damping of both joints (N m s/rad); the arm coasts to rest within about half a second.</summary>
    public const double JointDamping = 0.004;

    /// <summary>Names of the bodies and site the renderer and the streams read.</summary>
    public const string UpperBody = "upper", ForeBody = "fore", FingertipSite = "fingertip";

    /// <summary>The MJCF document: links as capsules of density 1000 kg/m^3 without contacts, torque motors with ctrl in [-1, 1].</summary>
    public static string Mjcf { get; } = string.Create(CultureInfo.InvariantCulture, $"""
        <mujoco model="orrery-reach">
          <compiler angle="radian"/>
          <option timestep="{Timestep:R}"/>
          <default>
            <joint type="hinge" axis="0 0 1" damping="{JointDamping:R}"/>
            <geom type="capsule" size="{LinkRadius:R}" contype="0" conaffinity="0"/>
            <motor gear="{Gear:R}" ctrlrange="-1 1" ctrllimited="true"/>
          </default>
          <worldbody>
            <body name="{UpperBody}" pos="0 0 0">
              <joint name="shoulder"/>
              <geom fromto="0 0 0 {UpperLength:R} 0 0"/>
              <body name="{ForeBody}" pos="{UpperLength:R} 0 0">
                <joint name="elbow" limited="true" range="{-ElbowLimit:R} {ElbowLimit:R}"/>
                <geom fromto="0 0 0 {ForeLength:R} 0 0"/>
                <site name="{FingertipSite}" pos="{ForeLength:R} 0 0" size="{FingertipRadius:R}"/>
              </body>
            </body>
          </worldbody>
          <actuator>
            <motor name="shoulder" joint="shoulder"/>
            <motor name="elbow" joint="elbow"/>
          </actuator>
        </mujoco>
        """);
}
