using Orrery.Core.Errors;

namespace Orrery.Environments.MuJoCo;

/// <summary>
/// Finds Debian's MuJoCo runtime once per process and refuses any version but 2.2.2, whose physics and struct
/// layout (<see cref="MuJoCoLayout"/>) Orrery is tested against. Problems are one line naming the fix.
/// </summary>
public static class MuJoCoLibrary
{
    /// <summary>The library file Orrery loads.</summary>
    public const string FileName = MuJoCoNative.Library;

    /// <summary>mj_version() of MuJoCo 2.2.2.</summary>
    public const int RequiredVersion = 222;

    /// <summary>The command that installs the runtime on Debian and Ubuntu.</summary>
    public const string InstallCommand = "sudo apt-get install -y libmujoco2.2.2";

    private static readonly Lazy<string?> Probe = new(FindProblem);

    /// <summary>Why MuJoCo cannot be used (missing, or another version), or null when it can.</summary>
    public static string? Problem => Probe.Value;

    /// <summary>The loaded version, e.g. "2.2.2", for reports.</summary>
    public static string Version => VersionText(RequiredVersion);

    /// <summary>Throws the one-line <see cref="OrreryException"/> of <see cref="Problem"/> unless MuJoCo 2.2.2 is loaded.</summary>
    public static void Require()
    {
        if (Problem is { } problem) throw new OrreryException(problem);
    }

    /// <summary>The refusal for a library reporting mj_version() = <paramref name="found"/>, or null for 2.2.2.</summary>
    public static string? VersionProblem(int found) =>
        found == RequiredVersion
            ? null
            : $"MuJoCo {VersionText(found)} found ({FileName} reports mj_version() = {found}); Orrery needs exactly MuJoCo {Version}: {InstallCommand}";

    private static string? FindProblem()
    {
        int found;
        try
        {
            found = MuJoCoNative.mj_version();
        }
        catch (DllNotFoundException)
        {
            return $"MuJoCo is missing ({FileName} not found; the reach and push worlds need it); install it with: {InstallCommand}";
        }
        return VersionProblem(found);
    }

    // mj_version() is major*100 + minor*10 + patch (mujoco.h, mjVERSION_HEADER).
    private static string VersionText(int version) => $"{version / 100}.{version / 10 % 10}.{version % 10}";
}
