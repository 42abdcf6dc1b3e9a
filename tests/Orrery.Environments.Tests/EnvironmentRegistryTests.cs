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
        Assert.Equal(["reward", "pose"], info.Spec.Streams.Select(s => s.Name));
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

    [Fact]
    public void Spec_describes_a_resolution_without_creating_the_environment_and_refuses_others()
    {
        Assert.Equal(new ObservationSpec(128, 128, 3), EnvironmentRegistry.Spec("reach", 128).Observation);
        Assert.Equal(EnvironmentRegistry.Info("maze").Spec, EnvironmentRegistry.Spec("maze"));
        var e = Assert.Throws<OrreryException>(() => EnvironmentRegistry.Spec("maze", 96));
        Assert.Equal("maze resolution 96 is not supported; expected one of: 64, 128, 256", e.Message);
    }
}
