using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Environments.Maze;
using Orrery.Evaluation.InverseDynamics;

namespace Orrery.Evaluation.Tests.InverseDynamics;

public class VisibleEffectTests
{
    private static readonly ActionVector Noop = ActionVector.Discrete(MazeActions.Noop);
    private static readonly ActionVector Forward = ActionVector.Discrete(MazeActions.Forward);

    // Walks forward until a wall stops the agent: the last pair is forward with nothing changed.
    private static TransitionPair BlockedForward()
    {
        var env = EnvironmentRegistry.Create("maze", 0);
        var before = env.Reset(3).Frame;
        for (var i = 0; i < 500; i++)
        {
            var after = env.Step(Forward).Frame;
            if (after.AsSpan().SequenceEqual(before)) return new TransitionPair(before, after, Forward);
            before = after;
        }
        throw new InvalidOperationException("the agent never reached a wall");
    }

    [Fact]
    public void Forward_into_a_wall_is_excluded_but_the_same_frames_under_noop_are_kept()
    {
        var blocked = BlockedForward();
        Assert.False(VisibleEffect.Shows(blocked, Noop));
        Assert.True(VisibleEffect.Shows(blocked with { Action = Noop }, Noop));
    }

    [Fact]
    public void A_turn_always_shows()
    {
        var env = EnvironmentRegistry.Create("maze", 1);
        var before = env.Reset(4).Frame;
        var turn = ActionVector.Discrete(MazeActions.TurnLeft);
        Assert.True(VisibleEffect.Shows(new TransitionPair(before, env.Step(turn).Frame, turn), Noop));
    }

    [Fact]
    public void Collected_idm_pairs_hold_no_action_that_did_nothing()
    {
        var envs = new[] { 0, 1 }.Select(w => EnvironmentRegistry.Create("maze", w)).ToArray();
        var pairs = TransitionCollector.Collect(envs, 600, 150, seed: 5);
        Assert.Equal(600, pairs.Count);
        Assert.All(pairs, p => Assert.True(VisibleEffect.Shows(p, Noop)));
        Assert.Contains(pairs, p => p.Action == Noop);
    }
}
