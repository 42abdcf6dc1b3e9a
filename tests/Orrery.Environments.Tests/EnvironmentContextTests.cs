using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using static Orrery.Environments.Tests.Episodes;

namespace Orrery.Environments.Tests;

public class EnvironmentContextTests
{
    private static readonly Dictionary<string, string> NoParameters = [];

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void Context_is_the_reset_then_K_minus_1_noops_of_its_origin(string environment)
    {
        var noop = EnvironmentRegistry.Info(environment).Spec.Actions!.Noop;
        var start = new EnvironmentContext().Context(environment, NoParameters, World, 8, 5);
        var direct = Direct(environment, 8, Enumerable.Repeat(noop, 4));
        Assert.Equal(5, start.Context.Count);
        Assert.Equal(direct[^1].Frame, start.Context[^1].Frame);
        Assert.Equal(Hash(direct), Hash(start.Context));
        Assert.Equal([ActionVector.Unknown, noop, noop, noop, noop], start.Actions);
        Assert.Equal(8, start.Seed);
        Assert.Equal(new EpisodeOrigin(World, 8), start.Origin);
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void The_ground_truth_begins_from_the_context_and_continues_its_episode(string environment)
    {
        var noop = EnvironmentRegistry.Info(environment).Spec.Actions!.Noop;
        var walk = Walk(environment, 2, 10);
        using var simulator = new EnvironmentSimulator(environment);
        using var state = simulator.Begin(new EnvironmentContext().Context(environment, NoParameters, World, 3, 4));
        Assert.Equal(3, state.FrameIndex);
        Assert.Equal(Hash(Direct(environment, 3, [noop, noop, noop, .. walk]).Skip(4)), Hash(Run(simulator, state, walk)));
    }

    [Theory]
    [InlineData("128")]
    [InlineData("128x128")]
    public void Resolution_comes_from_the_parameters_as_a_side_or_as_HxW(string resolution)
    {
        var start = new EnvironmentContext().Context("maze", new Dictionary<string, string> { ["resolution"] = resolution }, World, 1, 2);
        Assert.All(start.Context, o => Assert.Equal(128 * 128 * 3, o.Frame.Length));
    }

    [Fact]
    public void Wrong_names_sizes_and_counts_are_clear_errors()
    {
        var source = new EnvironmentContext();
        Assert.StartsWith("unknown environment 'doom'", Assert.Throws<OrreryException>(() => source.Context("doom", NoParameters, 0, 0, 1)).Message);
        Assert.Contains("64 or 64x64", Assert.Throws<OrreryException>(() => source.Context("maze", new Dictionary<string, string> { ["resolution"] = "64x128" }, 0, 0, 1)).Message);
        Assert.Contains("expected at least 1", Assert.Throws<OrreryException>(() => source.Context("maze", NoParameters, 0, 0, 0)).Message);
    }
}
