using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.Reach;

namespace Orrery.Environments.Tests.Reach;

public class ReachRegistrationTests
{
    [Fact]
    public void Reach_is_registered_with_a_box_of_two_torques_and_its_streams()
    {
        var info = Assert.Single(EnvironmentRegistry.All, i => i.Name == "reach");
        Assert.Equal([64, 128], info.Resolutions);
        Assert.Equal(64, info.NativeResolution);
        Assert.Equal(ActionKind.Box, info.Spec.Actions!.Kind);
        Assert.Equal(2, info.Spec.Actions.Dimensions);
        Assert.Equal([StreamNames.State, StreamNames.Reward, StreamNames.Success], info.Spec.Streams.Select(s => s.Name));
        Assert.Contains("world is ignored", info.Description);
    }

    [Fact]
    public void Create_builds_the_arm_at_the_requested_resolution_for_any_world()
    {
        using var env = Assert.IsType<ReachEnvironment>(EnvironmentRegistry.Create("reach", 7, 128));
        Assert.Equal(new ObservationSpec(128, 128, 3), env.Spec.Observation);
        Assert.Equal(EnvironmentRegistry.Info("reach").Spec.Actions, env.Spec.Actions);
    }
}
