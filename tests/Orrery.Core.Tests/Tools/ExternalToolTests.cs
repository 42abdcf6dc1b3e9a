using Orrery.Core.Tools;

namespace Orrery.Core.Tests.Tools;

public sealed class ExternalToolTests
{
    [Fact]
    public void Locate_finds_sh_on_PATH()
    {
        var sh = new ExternalTool("sh", "(part of the OS)");

        var path = sh.Locate();

        Assert.NotNull(path);
        Assert.True(File.Exists(path), path);
        Assert.Equal("sh", Path.GetFileName(path));
        Assert.True(sh.IsPresent);
    }

    [Fact]
    public void Locate_returns_null_for_a_program_that_does_not_exist()
    {
        var tool = new ExternalTool($"orrery-no-such-tool-{Guid.NewGuid():N}", "none");

        Assert.Null(tool.Locate());
        Assert.False(tool.IsPresent);
    }

    [Fact]
    public void Locate_falls_back_to_an_extra_location()
    {
        using var dir = new TempFolder();
        var name = $"orrery-extra-{Guid.NewGuid():N}";
        var extra = dir[name];
        File.WriteAllText(extra, "");

        Assert.Equal(extra, new ExternalTool(name, "none", extra).Locate());
    }
}
