using Orrery.Environments;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Tests.Protocols;

public class LoopClosureProtocolTests
{
    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(1, 5.0)]
    [InlineData(3, 10.0)]
    public void Corridor_loop_brings_the_real_agent_back_to_the_departure_view_after_exactly_d_seconds(int world, double seconds)
    {
        var env = EnvironmentRegistry.Create("maze", world);
        var plan = LoopClosureProtocol.PlanCorridor(env, world, seed: 5, context: 4, seconds);
        Assert.Equal((int)Math.Round(seconds * env.Spec.Fps), plan.Return - plan.Departure);
        var (truth, _) = GroundTruth.Record(EnvironmentRegistry.Create("maze", world), new ActionScript(plan.Actions, env.Spec.Actions!.Noop), 5, plan.Actions.Count + 1);
        Assert.Equal(Psnr.Cap, Psnr.Compute(truth[plan.Return].Frame, truth[plan.Departure].Frame));
        Assert.NotEqual(Psnr.Cap, Psnr.Compute(truth[plan.Departure + 30].Frame, truth[plan.Departure].Frame));   // it did go somewhere
    }

    [Fact]
    public void Turn_in_place_takes_a_full_circle_of_turn_steps()
    {
        var env = EnvironmentRegistry.Create("maze", 0);
        var plan = LoopClosureProtocol.PlanTurn(env, 0, seed: 2, context: 4);
        Assert.Equal(48, plan.Return - plan.Departure);
        var (truth, _) = GroundTruth.Record(EnvironmentRegistry.Create("maze", 0), new ActionScript(plan.Actions, env.Spec.Actions!.Noop), 2, plan.Actions.Count + 1);
        Assert.Equal(Psnr.Cap, Psnr.Compute(truth[plan.Return].Frame, truth[plan.Departure].Frame));
    }
}
