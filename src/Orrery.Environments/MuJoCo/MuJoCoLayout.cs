namespace Orrery.Environments.MuJoCo;

/// <summary>
/// Byte offsets of the mjModel and mjData fields Orrery reads, as MuJoCo 2.2.2 lays them out on 64-bit Linux
/// (mjmodel.h, mjdata.h). MuJoCoLayoutTests pins each one against offsetof() in the installed headers and checks
/// the pointers semantically against the arm's forward kinematics.
/// </summary>
public static class MuJoCoLayout
{
    /// <summary>mjModel.nq (int): generalised coordinates, the length of qpos.</summary>
    public const int ModelNq = 0;

    /// <summary>mjModel.nv (int): degrees of freedom, the length of qvel.</summary>
    public const int ModelNv = 4;

    /// <summary>mjModel.nu (int): actuators, the length of ctrl.</summary>
    public const int ModelNu = 8;

    /// <summary>mjModel.nbody (int), world body included.</summary>
    public const int ModelNbody = 16;

    /// <summary>mjModel.nsite (int).</summary>
    public const int ModelNsite = 28;

    /// <summary>mjData.time (double): simulated seconds.</summary>
    public const int DataTime = 40336;

    /// <summary>mjData.qpos (double*, nq).</summary>
    public const int DataQpos = 40376;

    /// <summary>mjData.qvel (double*, nv).</summary>
    public const int DataQvel = 40384;

    /// <summary>mjData.ctrl (double*, nu).</summary>
    public const int DataCtrl = 40408;

    /// <summary>mjData.xpos (double*, nbody x 3): body frame origins in world coordinates.</summary>
    public const int DataXpos = 40480;

    /// <summary>mjData.site_xpos (double*, nsite x 3): site positions in world coordinates.</summary>
    public const int DataSiteXpos = 40552;
}
