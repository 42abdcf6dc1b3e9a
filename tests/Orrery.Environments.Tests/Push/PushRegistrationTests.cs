using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.Push;

namespace Orrery.Environments.Tests.Push;

public class PushRegistrationTests
{
    [Fact]
    public void Push_is_registered_with_a_box_of_two_target_coordinates_and_its_streams()
    {
        var info = Assert.Single(EnvironmentRegistry.All, i => i.Name == "push");
        Assert.Equal([64, 96], info.Resolutions);
        Assert.Equal(64, info.NativeResolution);
        Assert.Equal(ActionKind.Box, info.Spec.Actions!.Kind);
        Assert.Equal(["target_x", "target_y"], info.Spec.Actions.Names);
        Assert.Equal([StreamNames.State, StreamNames.Reward, StreamNames.Success], info.Spec.Streams.Select(s => s.Name));
        Assert.Contains("world is ignored", info.Description);
    }

    [Fact]
    public void Create_builds_the_table_at_the_requested_resolution_for_any_world()
    {
        using var env = Assert.IsType<PushEnvironment>(EnvironmentRegistry.Create("push", 7, 96));
        Assert.Equal(new ObservationSpec(96, 96, 3), env.Spec.Observation);
        Assert.Equal(EnvironmentRegistry.Info("push").Spec.Actions, env.Spec.Actions);
    }
}
