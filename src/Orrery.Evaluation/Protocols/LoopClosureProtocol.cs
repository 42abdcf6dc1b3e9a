using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Plausibility;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Geometry, memory and loop closure on a grid world. Geometry (seen worlds): Turn360 turns a full circle in place;
/// TurnOutAndBack turns half a circle left and back right. Memory (unseen worlds when given): Corridor faces the
/// longest straight run from the start cell (cardinal heading), walks out, waits, turns 180 degrees, walks back and turns
/// 180 degrees; TurnAwayAndBack turns 180 degrees, waits and turns back. Either is back at the departure pose after
/// exactly D seconds. The departure frame is a generated one (a few noop frames after the context), so
/// self-consistency can be measured.
/// </summary>
public static class LoopClosureProtocol
{
    /// <summary>Generated noop frames between the context and the departure frame.</summary>
    public const int WarmupFrames = 4;

    public const string Turn360 = "turn-360";
    public const string TurnOutAndBack = "turn-out-and-back";
    public const string Corridor = "corridor";
    public const string TurnAwayAndBack = "turn-away-and-back";

    /// <summary>The default times away, in seconds: 2 s to 60 s (three, to keep the default eval near ten minutes on 2 cores).</summary>
    public static IReadOnlyList<double> DefaultDurations { get; } = [2, 10, 60];

    /// <summary>One planned loop: its kind, action script (step t's action = Actions[t-1]) and where it departs and returns.</summary>
    public sealed record Plan(string Kind, int World, int Seed, double SecondsAway, int StepsOut, IReadOnlyList<ActionVector> Actions, int Departure, int Return)
    {
        public int FramesAway => Return - Departure;
    }

    /// <summary>A plan as played: truth and the simulator's frames.</summary>
    public sealed record Loop(Plan Plan, Rollout Rollout);

    /// <summary>The report and the loops behind it (the HTML report shows their frames).</summary>
    public sealed record Result(LoopClosureReport Report, IReadOnlyList<Loop> Loops);

    /// <summary>
    /// Plays the geometry loops in <paramref name="geometryWorlds"/> and the memory loops of every duration in
    /// <paramref name="memoryWorlds"/>; <paramref name="judge"/> (optional) gives each loop's frames its verdict.
    /// </summary>
    public static Result Run(Func<int, IEnvironment> createEnv, IReadOnlyList<int> geometryWorlds, IReadOnlyList<int> memoryWorlds, bool memoryUnseen,
                             ISimulator model, int context, int seed, IReadOnlyList<double> durations, long modelSeed,
                             PlausibilityJudge? judge = null, EvalProgress? progress = null)
    {
        var geometry = geometryWorlds.SelectMany(w => new[] { PlanTurn(createEnv(w), w, seed, context), PlanTurnOutAndBack(createEnv(w), w, seed, context) });
        var memory = memoryWorlds.SelectMany(w => durations.SelectMany(d => new[]
        {
            PlanCorridor(createEnv(w), w, seed, context, d), PlanTurnAwayAndBack(createEnv(w), w, seed, context, d),
        }));
        // one batch per loop length, so a 2 s loop is not padded to the 60 s one (a model step costs about the same per frame at any batch)
        var loops = geometry.Concat(memory).GroupBy(p => p.Actions.Count).OrderBy(g => g.Key)
                            .SelectMany(g => Play(g.ToArray(), $"loops of {g.First().FramesAway} frames")).ToArray();
        var scored = loops.Select(l => (l.Plan.Kind, Result: Score(l, createEnv(l.Plan.World).Spec.Fps, judge))).ToArray();
        IReadOnlyList<LoopResult> Of(string kind) => scored.Where(x => x.Kind == kind).Select(x => x.Result).ToArray();
        var report = new LoopClosureReport(Of(Turn360), Of(TurnOutAndBack), Of(Corridor), Of(TurnAwayAndBack), memoryWorlds, memoryUnseen);
        return new Result(report, loops);

        IEnumerable<Loop> Play(Plan[] plans, string stage)
        {
            if (plans.Length == 0) return [];
            var length = plans.Max(p => p.Actions.Count) + 1;
            var recorded = plans.Select(p =>
            {
                var env = createEnv(p.World);
                var noop = env.Spec.Actions!.Noop;
                var script = p.Actions.Concat(Enumerable.Repeat(noop, length - 1 - p.Actions.Count)).ToArray();
                var (truth, actions) = GroundTruth.Record(env, new ActionScript(script, noop), p.Seed, length);
                return new Rollout(p.World, p.Seed, env.Spec.Observation, context, truth, truth.Take(context).ToArray(), actions);
            }).ToArray();
            var generated = Replay.Run(model, recorded, modelSeed, done => progress?.Invoke(stage, done, length - context, "frames"));
            return plans.Select((p, i) => new Loop(p, generated[i]));
        }
    }

    private static LoopResult Score(Loop loop, int fps, PlausibilityJudge? judge)
    {
        var (plan, r) = loop;
        byte[] genD = r.Generated[plan.Departure].Frame, genR = r.Generated[plan.Return].Frame;
        byte[] trueD = r.Truth[plan.Departure].Frame, trueR = r.Truth[plan.Return].Frame;
        var away = plan.FramesAway;
        var between = Enumerable.Range(plan.Departure + 1, Math.Max(away - 1, 0)).ToArray();
        var along = between.Length > 0 ? between.Average(t => Psnr.Compute(r.Generated[t].Frame, r.Truth[t].Frame)) : Psnr.Compute(genR, trueR);
        var way = Enumerable.Range(plan.Departure, away + 1).ToArray();
        return new LoopResult(plan.World, plan.Seed, plan.SecondsAway > 0 ? plan.SecondsAway : away / (double)fps, away, plan.StepsOut,
                              Psnr.Compute(genR, genD), Psnr.Compute(genR, trueD), Psnr.Compute(trueR, trueD), along,
                              JudgedReal(way.Select(t => r.Generated[t].Frame).ToArray()), JudgedReal(way.Select(t => r.Truth[t].Frame).ToArray()),
                              StreamError.Of([(r.Generated[plan.Return].Streams, r.Truth[plan.Return].Streams)]));

        double? JudgedReal(byte[][] frames) => judge?.RealProbability(frames).Count(p => p > 0.5) / (double)frames.Length;
    }

    /// <summary>Context noops, warm-up noops, half a turn left in place, then half a turn right: back where it began.</summary>
    public static Plan PlanTurnOutAndBack(IEnvironment env, int world, int seed, int context)
    {
        var (noop, _, left, right, turns) = Actions(env);
        var actions = Enumerable.Repeat(noop, context - 1 + WarmupFrames).ToList();
        var departure = actions.Count;
        actions.AddRange(Enumerable.Repeat(left, turns / 2));
        actions.AddRange(Enumerable.Repeat(right, turns / 2));
        return new Plan(TurnOutAndBack, world, seed, 0, 0, actions, departure, actions.Count);
    }

    /// <summary>Half a turn left, noops, half a turn right: away from the departure view for exactly <paramref name="seconds"/>.</summary>
    public static Plan PlanTurnAwayAndBack(IEnvironment env, int world, int seed, int context, double seconds)
    {
        var (noop, _, left, right, turns) = Actions(env);
        var framesAway = FramesAway(env, seconds, turns);
        var actions = Enumerable.Repeat(noop, context - 1 + WarmupFrames).ToList();
        var departure = actions.Count;
        actions.AddRange(Enumerable.Repeat(left, turns / 2));
        actions.AddRange(Enumerable.Repeat(noop, framesAway - turns));
        actions.AddRange(Enumerable.Repeat(right, turns / 2));
        return new Plan(TurnAwayAndBack, world, seed, seconds, 0, actions, departure, actions.Count);
    }

    /// <summary>Context noops, warm-up noops, then one full turn left in place.</summary>
    public static Plan PlanTurn(IEnvironment env, int world, int seed, int context)
    {
        var (noop, _, left, _, turns) = Actions(env);
        var actions = Enumerable.Repeat(noop, context - 1 + WarmupFrames).ToList();
        var departure = actions.Count;
        actions.AddRange(Enumerable.Repeat(left, turns));
        return new Plan(Turn360, world, seed, 0, 0, actions, departure, actions.Count);
    }

    /// <summary>An A -> B -> A walk that is away for exactly <paramref name="seconds"/> (rounded to frames).</summary>
    public static Plan PlanCorridor(IEnvironment env, int world, int seed, int context, double seconds)
    {
        var (noop, forward, left, _, turns) = Actions(env);
        var grid = Grid(env);
        var framesAway = FramesAway(env, seconds, turns);
        var half = turns / 2;

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
        return new Plan(Corridor, world, seed, seconds, stepsOut, actions, departure, actions.Count);
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

    private static int FramesAway(IEnvironment env, double seconds, int turns)
    {
        var frames = (int)Math.Round(seconds * env.Spec.Fps);
        return frames >= turns
            ? frames
            : throw new OrreryException($"--loop-seconds: a loop of {seconds} s is shorter than two half turns ({turns} frames at {env.Spec.Fps} fps)");
    }

    private static (ActionVector Noop, ActionVector Forward, ActionVector TurnLeft, ActionVector TurnRight, int TurnsPerCircle) Actions(IEnvironment env)
    {
        var grid = Grid(env);
        var turns = (int)Math.Round(2 * Math.PI / grid.TurnStep);
        if (Math.Abs(turns * grid.TurnStep - 2 * Math.PI) > 1e-9 || turns % 4 != 0)
            throw new OrreryException($"environment '{env.Name}' turns {grid.TurnStep} rad per step; the loop protocols need a whole number of steps per quarter turn");
        var space = env.Spec.Actions as DiscreteActionSpace
                    ?? throw new OrreryException($"environment '{env.Name}' has no named discrete actions; the loop protocols walk with 'forward', 'turn-left' and 'turn-right'");
        return (space.Noop, ActionVector.Discrete(space.IndexOf("forward")), ActionVector.Discrete(space.IndexOf("turn-left")),
                ActionVector.Discrete(space.IndexOf("turn-right")), turns);
    }

    private static IGridWorld Grid(IEnvironment env) =>
        env as IGridWorld ?? throw new OrreryException($"environment '{env.Name}' exposes no pose (IGridWorld); the loop-closure protocol needs one");
}
