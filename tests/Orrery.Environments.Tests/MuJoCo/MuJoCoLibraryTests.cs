using Orrery.Environments.MuJoCo;

namespace Orrery.Environments.Tests.MuJoCo;

public class MuJoCoLibraryTests
{
    [Fact]
    public void The_installed_library_is_MuJoCo_2_2_2()
    {
        Assert.Null(MuJoCoLibrary.Problem);
        Assert.Equal("2.2.2", MuJoCoLibrary.Version);
        MuJoCoLibrary.Require();
    }

    [Fact]
    public void Another_version_is_refused_in_one_line_naming_what_was_found()
    {
        Assert.Null(MuJoCoLibrary.VersionProblem(222));
        var problem = MuJoCoLibrary.VersionProblem(312);
        Assert.NotNull(problem);
        Assert.Contains("MuJoCo 3.1.2 found", problem);
        Assert.Contains("mj_version() = 312", problem);
        Assert.Contains("apt-get install -y libmujoco2.2.2", problem);
        Assert.DoesNotContain('\n', problem);
    }
}
