using System.Runtime.InteropServices;
using System.Text;
using Orrery.Core.Errors;

namespace Orrery.Environments.MuJoCo;

/// <summary>
/// One compiled MJCF model and its simulation state (mjModel and mjData), read and written through the offsets of
/// <see cref="MuJoCoLayout"/>. Deterministic: the same state and controls give the same next state, bit for bit.
/// Not thread-safe; frees its native memory on Dispose (or, failing that, when collected).
/// </summary>
public sealed class MuJoCoPhysics : IDisposable
{
    private readonly string mjcf;
    private IntPtr model;
    private IntPtr data;
    private readonly IntPtr qpos, qvel, ctrl, xpos, siteXpos;
    private readonly double[] point = new double[3];

    /// <summary>Compiles <paramref name="mjcf"/> (an MJCF document) after checking the library version.</summary>
    public MuJoCoPhysics(string mjcf)
    {
        MuJoCoLibrary.Require();
        this.mjcf = mjcf;
        model = Compile(mjcf);
        data = MuJoCoNative.mj_makeData(model);
        Nq = Marshal.ReadInt32(model, MuJoCoLayout.ModelNq);
        Nv = Marshal.ReadInt32(model, MuJoCoLayout.ModelNv);
        Nu = Marshal.ReadInt32(model, MuJoCoLayout.ModelNu);
        Bodies = Marshal.ReadInt32(model, MuJoCoLayout.ModelNbody);
        Sites = Marshal.ReadInt32(model, MuJoCoLayout.ModelNsite);
        // mjData's arrays live in one buffer allocated by mj_makeData; the pointers never move afterwards.
        qpos = Marshal.ReadIntPtr(data, MuJoCoLayout.DataQpos);
        qvel = Marshal.ReadIntPtr(data, MuJoCoLayout.DataQvel);
        ctrl = Marshal.ReadIntPtr(data, MuJoCoLayout.DataCtrl);
        xpos = Marshal.ReadIntPtr(data, MuJoCoLayout.DataXpos);
        siteXpos = Marshal.ReadIntPtr(data, MuJoCoLayout.DataSiteXpos);
    }

    /// <summary>Length of qpos.</summary>
    public int Nq { get; }

    /// <summary>Length of qvel.</summary>
    public int Nv { get; }

    /// <summary>Length of ctrl.</summary>
    public int Nu { get; }

    /// <summary>Bodies, the world body included.</summary>
    public int Bodies { get; }

    public int Sites { get; }

    /// <summary>Simulated seconds since the last <see cref="Reset"/>.</summary>
    public double Time
    {
        get
        {
            ThrowIfDisposed();
            return BitConverter.Int64BitsToDouble(Marshal.ReadInt64(data, MuJoCoLayout.DataTime));
        }
    }

    /// <summary>Index of the body named <paramref name="name"/>.</summary>
    public int BodyId(string name) => Id(MuJoCoNative.ObjectBody, name, "body");

    /// <summary>Index of the site named <paramref name="name"/>.</summary>
    public int SiteId(string name) => Id(MuJoCoNative.ObjectSite, name, "site");

    /// <summary>Back to the model's initial state (mj_resetData): time 0, qpos0, zero velocities and controls.</summary>
    public void Reset()
    {
        ThrowIfDisposed();
        MuJoCoNative.mj_resetData(model, data);
    }

    /// <summary>Sets positions and velocities, then recomputes body and site poses (mj_kinematics).</summary>
    public void SetState(double[] positions, double[] velocities)
    {
        ThrowIfDisposed();
        Require(positions, Nq, "qpos");
        Require(velocities, Nv, "qvel");
        Marshal.Copy(positions, 0, qpos, Nq);
        Marshal.Copy(velocities, 0, qvel, Nv);
        MuJoCoNative.mj_kinematics(model, data);
    }

    /// <summary>Holds <paramref name="controls"/> for <paramref name="substeps"/> mj_step calls, then recomputes the poses
    /// so that <see cref="BodyPosition"/> and <see cref="SitePosition"/> match the new qpos (mj_step leaves them one step behind).</summary>
    public void Step(double[] controls, int substeps)
    {
        ThrowIfDisposed();
        Require(controls, Nu, "ctrl");
        Marshal.Copy(controls, 0, ctrl, Nu);
        for (var i = 0; i < substeps; i++) MuJoCoNative.mj_step(model, data);
        MuJoCoNative.mj_kinematics(model, data);
    }

    /// <summary>
    /// Becomes an exact copy of <paramref name="source"/>'s simulation state (mj_copyData: positions, velocities,
    /// controls, time and the solver's warm start), so both continue bit for bit alike; both must be compiled from the
    /// same MJCF. O(1) in the episode's length, where replaying its actions is O(length).
    /// </summary>
    public void CopyFrom(MuJoCoPhysics source)
    {
        ThrowIfDisposed();
        source.ThrowIfDisposed();
        // mj_copyData sizes the copy by the model: another model's data would be overrun, not refused
        if (!string.Equals(mjcf, source.mjcf, StringComparison.Ordinal)) throw new ArgumentException("physics compiled from another MJCF model", nameof(source));
        MuJoCoNative.mj_copyData(data, model, source.data);
    }

    /// <summary>Copies qpos into <paramref name="positions"/> (Nq elements).</summary>
    public void ReadPositions(double[] positions)
    {
        ThrowIfDisposed();
        Require(positions, Nq, "qpos");
        Marshal.Copy(qpos, positions, 0, Nq);
    }

    /// <summary>Copies qvel into <paramref name="velocities"/> (Nv elements).</summary>
    public void ReadVelocities(double[] velocities)
    {
        ThrowIfDisposed();
        Require(velocities, Nv, "qvel");
        Marshal.Copy(qvel, velocities, 0, Nv);
    }

    /// <summary>World position of body <paramref name="id"/>'s frame (xpos), as of the last step or state change.</summary>
    public (double X, double Y, double Z) BodyPosition(int id) => Point(xpos, id, Bodies, "body");

    /// <summary>World position of site <paramref name="id"/> (site_xpos), as of the last step or state change.</summary>
    public (double X, double Y, double Z) SitePosition(int id) => Point(siteXpos, id, Sites, "site");

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~MuJoCoPhysics() => Free();

    private (double, double, double) Point(IntPtr array, int id, int count, string what)
    {
        ThrowIfDisposed();
        if ((uint)id >= (uint)count) throw new ArgumentOutOfRangeException(nameof(id), $"{what} {id} of {count}");
        Marshal.Copy(array + id * 3 * sizeof(double), point, 0, 3);
        return (point[0], point[1], point[2]);
    }

    private int Id(int type, string name, string what)
    {
        ThrowIfDisposed();
        var id = MuJoCoNative.mj_name2id(model, type, name);
        return id >= 0 ? id : throw new ArgumentException($"the model has no {what} named '{name}'", nameof(name));
    }

    // Native calls on freed memory would crash the process rather than throw.
    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(data == 0, this);

    private static void Require(double[] values, int length, string field)
    {
        if (values.Length != length) throw new ArgumentException($"{field} has {length} elements; got {values.Length}", nameof(values));
    }

    // mj_loadXML reads a file (or a virtual file system); a private temporary folder keeps the model out of anyone's way.
    private static IntPtr Compile(string mjcf)
    {
        var folder = Directory.CreateTempSubdirectory("orrery-mjcf-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.xml");
            File.WriteAllText(path, mjcf);
            var error = new byte[1000];
            var compiled = MuJoCoNative.mj_loadXML(path, 0, error, error.Length);
            if (compiled == 0)
                throw new OrreryException($"MJCF model does not compile: {Encoding.UTF8.GetString(error).TrimEnd('\0').ReplaceLineEndings(" ").Trim()}");
            return compiled;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private void Free()
    {
        if (data != 0) MuJoCoNative.mj_deleteData(data);
        if (model != 0) MuJoCoNative.mj_deleteModel(model);
        data = 0;
        model = 0;
    }
}
