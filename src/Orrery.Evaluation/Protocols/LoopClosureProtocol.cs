using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Memory and loop closure on a grid world. Turn360: stand still, turn a full circle in place, compare.
/// Corridor: face the longest straight run from the start cell (cardinal heading), walk out, wait, turn 180 degrees,
/// walk back, turn 180 degrees, so that the agent is back at the departure pose after exactly D seconds.
/// The departure frame is a generated one (a few noop frames after the context), so self-consistency can be measured.
/// </summary>
public static class LoopClosureProtocol
{
    /// <summary>Generated noop frames between the context and the departure frame.</summary>
    public const int WarmupFrames = 4;

    /// <summary>The default times away, in seconds: 2 s to 60 s.</summary>
    public static IReadOnlyList<double> DefaultDurations { get; } = [2, 5, 10, 20, 40, 60];

    /// <summary>One planned loop: its action script (step t's action = Actions[t-1]) and where it departs and returns.</summary>
    public sealed record Plan(int World, int Seed, double SecondsAway, int StepsOut, IReadOnlyList<ActionVector> Actions, int Departure, int Return);

    public static LoopClosureReport Run(Func<int, IEnvironment> createEnv, IReadOnlyList<int> worlds, ISimulator model, int context,
                                        int seed, IReadOnlyList<double> durations, long modelSeed, EvalProgress? progress = null)
    {
        var plans = new List<(Plan Plan, bool Turn)>();
        foreach (var world in worlds)
        {
            plans.Add((PlanTurn(createEnv(world), world, seed, context), true));
            foreach (var d in durations) plans.Add((PlanCorridor(createEnv(world), world, seed, context, d), false));
        }
        var length = plans.Max(p => p.Plan.Actions.Count) + 1;
        var recorded = plans.Select(p =>
        {
            var env = createEnv(p.Plan.World);
            var noop = env.Spec.Actions!.Noop;
            var script = p.Plan.Actions.Concat(Enumerable.Repeat(noop, length - 1 - p.Plan.Actions.Count)).ToArray();
            var (truth, actions) = GroundTruth.Record(env, new ActionScript(script, noop), p.Plan.Seed, length);
            return new Rollout(p.Plan.World, p.Plan.Seed, env.Spec.Observation, context, truth, truth.Take(context).ToArray(), actions);
        }).ToArray();
        var generated = Replay.Run(model, recorded, modelSeed, done => progress?.Invoke("loop closure", done, length - context, "frames"));
        var results = plans.Select((p, i) => Score(p.Plan, generated[i], createEnv(p.Plan.World).Spec.Fps)).ToArray();
        return new LoopClosureReport(results.Where((_, i) => plans[i].Turn).ToArray(), results.Where((_, i) => !plans[i].Turn).ToArray());
    }

    private static LoopResult Score(Plan plan, Rollout r, int fps)
    {
        byte[] genD = r.Generated[plan.Departure].Frame, genR = r.Generated[plan.Return].Frame;
        byte[] trueD = r.Truth[plan.Departure].Frame, trueR = r.Truth[plan.Return].Frame;
        var away = plan.Return - plan.Departure;
        return new LoopResult(plan.World, plan.Seed, plan.SecondsAway > 0 ? plan.SecondsAway : away / (double)fps, away, plan.StepsOut,
                              Psnr.Compute(genR, genD), Psnr.Compute(genR, trueD), Psnr.Compute(trueR, trueD));
    }

    /// <summary>Context noops, warm-up noops, then one full turn left in place.</summary>
    public static Plan PlanTurn(IEnvironment env, int world, int seed, int context)
    {
        var (noop, _, left, turns) = Actions(env);
        var actions = Enumerable.Repeat(noop, context - 1 + WarmupFrames).ToList();
        var departure = actions.Count;
        actions.AddRange(Enumerable.Repeat(left, turns));
        return new Plan(world, seed, 0, 0, actions, departure, actions.Count);
    }

    /// <summary>An A -> B -> A walk that is away for exactly <paramref name="seconds"/> (rounded to frames).</summary>
    public static Plan PlanCorridor(IEnvironment env, int world, int seed, int context, double seconds)
    {
        var (noop, forward, left, turns) = Actions(env);
        var grid = Grid(env);
        var framesAway = (int)Math.Round(seconds * env.Spec.Fps);
        var half = turns / 2;
        if (framesAway < 2 * half)
            throw new OrreryException($"loop of {seconds} s is shorter than two half turns ({2 * half} frames at {env.Spec.Fps} fps)");

        // Align the heading to the nearest cardinal direction, then pick the quarter with the longest straight run.
        env.Reset(seed);
        var index = (int)Math.Round(grid.Pose.Heading / grid.TurnStep) % turns;
        var quarter = turns / 4;
        var align = (quarter - index % quarter) % quarter;      // left turns to the next cardinal heading
        var best = (Quarters: 0, Run: -1);
        for (var q = 0; q < 4; q++)
        {
            env.Reset(seed);
            for (var i = 0; i < align + q * quarter; i++) env.Step(left);
            var run = StraightRun(env, grid, forward, framesAway);
            if (run > best.Run) best = (q, run);
        }
        var actions = Enumerable.Repeat(noop, context - 1).ToList();
        actions.AddRange(Enumerable.Repeat(left, align + best.Quarters * quarter));
        actions.AddRange(Enumerable.Repeat(noop, WarmupFrames));
        var departure = actions.Count;
        var stepsOut = Math.Min(best.Run, (framesAway - 2 * half) / 2);
        var wait = framesAway - 2 * half - 2 * stepsOut;
        actions.AddRange(Enumerable.Repeat(forward, stepsOut));
        actions.AddRange(Enumerable.Repeat(noop, wait));
        actions.AddRange(Enumerable.Repeat(left, half));
        actions.AddRange(Enumerable.Repeat(forward, stepsOut));
        actions.AddRange(Enumerable.Repeat(left, half));
        return new Plan(world, seed, seconds, stepsOut, actions, departure, actions.Count);
    }

    // Forward steps that each move the full first-step distance (blocked or sliding along a wall ends the run).
    private static int StraightRun(IEnvironment env, IGridWorld grid, ActionVector forward, int limit)
    {
        var first = -1.0;
        for (var n = 0; n < limit; n++)
        {
            var before = grid.Pose;
            env.Step(forward);
            var after = grid.Pose;
            var moved = Math.Sqrt((after.X - before.X) * (after.X - before.X) + (after.Y - before.Y) * (after.Y - before.Y));
            if (first < 0) first = moved;
            if (moved <= 0 || moved < 0.999 * first) return n;
        }
        return limit;
    }

    private static (ActionVector Noop, ActionVector Forward, ActionVector TurnLeft, int TurnsPerCircle) Actions(IEnvironment env)
    {
        var grid = Grid(env);
        var turns = (int)Math.Round(2 * Math.PI / grid.TurnStep);
        if (Math.Abs(turns * grid.TurnStep - 2 * Math.PI) > 1e-9 || turns % 4 != 0)
            throw new OrreryException($"environment '{env.Name}' turns {grid.TurnStep} rad per step; the loop protocols need a whole number of steps per quarter turn");
        var space = env.Spec.Actions as DiscreteActionSpace
                    ?? throw new OrreryException($"environment '{env.Name}' has no named discrete actions; the loop protocols walk with 'forward' and 'turn-left'");
        return (space.Noop, ActionVector.Discrete(space.IndexOf("forward")), ActionVector.Discrete(space.IndexOf("turn-left")), turns);
    }

    private static IGridWorld Grid(IEnvironment env) =>
        env as IGridWorld ?? throw new OrreryException($"environment '{env.Name}' exposes no pose (IGridWorld); the loop-closure protocol needs one");
}
