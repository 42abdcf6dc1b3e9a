namespace Orrery.Model.Tests.Device;

/// <summary>A fact about Linux binaries: reported as Skipped elsewhere, so that it never passes without checking anything.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "checks a Linux ELF library; this is not Linux";
    }
}
