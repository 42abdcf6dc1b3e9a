using System.Runtime.InteropServices;

namespace Orrery.Environments.MuJoCo;

/// <summary>
/// The few MuJoCo 2.2.2 C functions Orrery calls (mujoco.h), bound by the exact file name that Debian's runtime
/// package ships, so a different MuJoCo is never picked up by accident. Only <see cref="MuJoCoLibrary"/> and
/// <see cref="MuJoCoPhysics"/> call them, after the version check.
/// </summary>
internal static class MuJoCoNative
{
    public const string Library = "libmujoco.so.2.2.2";

    /// <summary>mjOBJ_BODY in mjtObj.</summary>
    public const int ObjectBody = 1;

    /// <summary>mjOBJ_SITE in mjtObj.</summary>
    public const int ObjectSite = 6;

    [DllImport(Library)]
    public static extern int mj_version();

    [DllImport(Library)]
    public static extern IntPtr mj_loadXML([MarshalAs(UnmanagedType.LPUTF8Str)] string filename, IntPtr vfs, byte[] error, int errorSize);

    [DllImport(Library)]
    public static extern IntPtr mj_makeData(IntPtr model);

    [DllImport(Library)]
    public static extern void mj_deleteData(IntPtr data);

    [DllImport(Library)]
    public static extern void mj_deleteModel(IntPtr model);

    [DllImport(Library)]
    public static extern void mj_resetData(IntPtr model, IntPtr data);

    [DllImport(Library)]
    public static extern void mj_step(IntPtr model, IntPtr data);

    [DllImport(Library)]
    public static extern IntPtr mj_copyData(IntPtr dest, IntPtr model, IntPtr src);

    [DllImport(Library)]
    public static extern void mj_kinematics(IntPtr model, IntPtr data);

    [DllImport(Library)]
    public static extern int mj_name2id(IntPtr model, int type, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
