using Orrery.Core.Spaces;
using Orrery.Core.Errors;
using Orrery.Environments.Maze;

namespace Orrery.Environments.Tests;

public class EnvironmentRegistryTests
{
    [Fact]
    public void Maze_is_registered_with_its_actions()
    {
        var info = Assert.Single(EnvironmentRegistry.All, i => i.Name == "maze");
        Assert.Equal(["noop", "forward", "back", "turn-left", "turn-right", "strafe-left", "strafe-right"], info.Spec.Actions!.Names);
        Assert.Equal(ActionVector.Discrete(0), info.Spec.Actions.Noop);
        Assert.Equal(24, info.Spec.Fps);
        Assert.Equal(["reward"], info.Spec.Streams.Select(s => s.Name));
        Assert.Equal([64, 128, 256], info.Resolutions);
        var env = Assert.IsType<MazeEnvironment>(EnvironmentRegistry.Create("maze", 4, 128));
        Assert.Equal(4, env.World);
        Assert.Equal(128, env.Spec.Observation.Width);
    }

    [Fact]
    public void Unknown_environment_lists_known_ones()
    {
        var e = Assert.Throws<OrreryException>(() => EnvironmentRegistry.Create("doom", 0));
        Assert.Contains("maze", e.Message);
        Assert.Contains("doom", e.Message);
    }
}
