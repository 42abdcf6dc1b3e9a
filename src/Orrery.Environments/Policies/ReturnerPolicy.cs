using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>
/// Data that leaves a view and comes back to it later than a model's window reaches, so a memory has something to
/// learn (WorldMem and Context-as-Memory train on such returns). It repeats excursions, each from where the last one
/// ended: turn away (6 to 24 turn steps, either way), hold still, turn back exactly; or walk out (2 to 8 forward
/// steps), hold still, turn half a circle, walk back as many steps, turn half a circle. The holds last 0 to 96 frames
/// (4 s at 24 fps). Between excursions it moves on with 4 to 20 sticky random moves. It reads the world through
/// <see cref="IGridWorld"/> only for its turn step; a walk blocked by a wall comes back to somewhere near the start.
/// </summary>
public sealed class ReturnerPolicy : IPolicy
{
    public const int MaxHold = 96;

    private readonly int noop, forward, turnLeft, turnRight, turnsPerCircle;
    private readonly Queue<int> plan = new();
    private SplitMix64 rng;

    public ReturnerPolicy(IGridWorld world, DiscreteActionSpace actions)
    {
        noop = actions.Noop.Index;
        forward = actions.IndexOf("forward");
        turnLeft = actions.IndexOf("turn-left");
        turnRight = actions.IndexOf("turn-right");
        turnsPerCircle = (int)Math.Round(2 * Math.PI / world.TurnStep);
        Reset(0);
    }

    /// <summary>Wraps an environment; it must be a grid world with discrete actions.</summary>
    public static ReturnerPolicy For(Orrery.Core.Environments.IEnvironment env) =>
        ExplorerPolicy.Fits(env)
            ? new ReturnerPolicy((IGridWorld)env, (DiscreteActionSpace)env.Spec.Actions!)
            : throw new OrreryException($"policy 'returner' needs a grid world; environment '{env.Name}' is not one (use 'random' or 'scripted')");

    public string Name => "returner";

    public void Reset(int seed)
    {
        rng = SplitMix64.From(0x52455455, seed); // "RETU"
        plan.Clear();
    }

    public ActionVector Act(Orrery.Core.Environments.Observation observation, int step)
    {
        if (plan.Count == 0) PlanExcursion();
        return ActionVector.Discrete(plan.Dequeue());
    }

    private void PlanExcursion()
    {
        if (rng.NextInt(2) == 0) PlanTurnAway();
        else PlanWalkOut();
        PlanMoveOn();
    }

    private void PlanTurnAway()
    {
        var away = rng.NextInt(2) == 0 ? turnLeft : turnRight;
        var turns = rng.NextInt(6, 24);
        Add(away, turns);
        Add(noop, rng.NextInt(0, MaxHold));
        Add(away == turnLeft ? turnRight : turnLeft, turns);
    }

    private void PlanWalkOut()
    {
        var steps = rng.NextInt(2, 8);
        Add(forward, steps);
        Add(noop, rng.NextInt(0, MaxHold));
        Add(turnLeft, turnsPerCircle / 2);
        Add(forward, steps);
        Add(turnLeft, turnsPerCircle / 2);
    }

    private void PlanMoveOn()
    {
        for (var moves = rng.NextInt(4, 20); moves > 0;)
        {
            var hold = Math.Min(moves, rng.NextInt(RandomPolicy.MinHold, RandomPolicy.MaxHold));
            Add(rng.NextInt(3) switch { 0 => forward, 1 => turnLeft, _ => turnRight }, hold);
            moves -= hold;
        }
    }

    private void Add(int action, int count)
    {
        for (var i = 0; i < count; i++) plan.Enqueue(action);
    }
}
