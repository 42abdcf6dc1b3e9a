using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Environments.Policies;
using Orrery.Evaluation.Baselines;
using Orrery.Evaluation.InverseDynamics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// The whole environment protocol of `orrery eval`: fidelity at each horizon (seen and unseen worlds, model and
/// baselines), teacher-forced next frame, IDM controllability, plausibility (the judge), geometry and memory loops, and
/// long-horizon stability.
/// </summary>
public static class EnvironmentEvaluation
{
    /// <summary>
    /// The report, the model's fidelity rollouts (for the HTML report's best and worst episodes), the judge's example
    /// frames and the loops as played (for its pictures).
    /// </summary>
    public sealed record Result(EvalReport Report, IReadOnlyList<Rollout> ModelRollouts, IReadOnlyList<PlausibilityProtocol.Sample> JudgeSamples,
                                IReadOnlyList<LoopClosureProtocol.Loop> Loops);

    /// <summary>
    /// Runs every protocol. <paramref name="contextFrames"/> is the model's K (a WorldModel's ContextFrames): teacher
    /// forcing gives the model and the baselines that many real frames. <paramref name="reconstruct"/> is the model's
    /// tokenizer round trip (null leaves it out of the stability trace).
    /// </summary>
    public static Result Run(ISimulator model, int contextFrames, Func<byte[], byte[]>? reconstruct, ModelInfo info, string command,
                             EnvironmentEvalOptions o, EvalProgress? progress = null)
    {
        IEnvironment CreateEnv(int world) => EnvironmentRegistry.Create(o.Env, world, o.Resolution);
        using var copyLast = new CopyLastFrame(model.World);
        using var meanFrame = new MeanFrame(model.World);
        using var unknownAction = new UnknownActionBaseline(model);
        var predictors = new ISimulator[] { model, copyLast, meanFrame, unknownAction };
        var frames = o.Context + o.Horizons.Max();
        var skipped = new List<string>();
        var probe = CreateEnv(o.Worlds[0]);   // what the world offers decides which protocols apply

        var seen = Group("seen worlds", o.Worlds);
        var unseen = o.UnseenWorlds.Count > 0 ? Group("unseen worlds", o.UnseenWorlds) : null;

        var teacherForced = TeacherForcedProtocol.Run(seen.Truth.Concat(unseen?.Truth ?? []).ToArray(),
                                                      [(model, contextFrames), (copyLast, contextFrames), (meanFrame, contextFrames)],
                                                      o.TeacherForcedFrames, progress);

        var modelRollouts = seen.Rollouts[model.Name].Concat(unseen?.Rollouts[model.Name] ?? []).ToArray();
        IdmReport? idm = null;
        var actions = probe.Spec.Actions;
        if (o.Idm is not null && actions is not DiscreteActionSpace)
            skipped.Add($"idm: the inverse-dynamics model judges discrete actions; '{o.Env}' has {(actions is null ? "no actions" : $"a box of {actions.Dimensions}")}");
        else if (o.Idm is { } idmOptions)
        {
            var (idmModel, heldOut, folder, cached) = IdmCache.LoadOrTrain(CreateEnv, o.Worlds, idmOptions,
                (stage, done, total) => progress?.Invoke($"IDM {stage}", done, total, stage == "train" ? "batches" : "pairs"), o.CacheRoot);
            using (idmModel) idm = IdmProtocol.Run(idmModel, modelRollouts, actions!.Noop, heldOut, folder, cached);
        }

        var plausibility = o.PlausibilityPoints.Count > 0
            ? PlausibilityProtocol.Run(CreateEnv, o.Worlds, model, o.PlausibilityPolicies, o.Script, o.PlausibilityPoints, o.PlausibilityRollouts,
                                       o.PlausibilityWindow, o.Context, o.Seed, o.Seed, o.Judge, progress)
            : null;
        using var judge = plausibility?.Judge;

        var grid = probe is IGridWorld;
        if (o.LoopDurations.Count > 0 && !grid) skipped.Add($"loopClosure: '{o.Env}' exposes no pose to plan a loop with (IGridWorld)");
        var memoryWorlds = (o.UnseenWorlds.Count > 0 ? o.UnseenWorlds : o.Worlds).Take(o.LoopWorlds).ToArray();
        var loop = o.LoopDurations.Count > 0 && grid
            ? LoopClosureProtocol.Run(CreateEnv, o.Worlds.Take(o.LoopWorlds).ToArray(), memoryWorlds, o.UnseenWorlds.Count > 0, model, o.Context,
                                      o.Seed, o.LoopDurations, o.Seed, judge, progress)
            : null;

        var stability = o.StabilityFrames > o.Context
            ? o.StabilityPolicies.Select(p =>
            {
                var env = CreateEnv(o.Worlds[0]);
                return StabilityProtocol.Run(env, PolicyRegistry.Create(p, env, o.Script), p, o.Worlds[0], model, reconstruct,
                                             o.StabilityFrames, o.Context, o.Seed, o.Seed, progress);
            }).ToArray()
            : null;

        var report = new EvalReport
        {
            Protocol = "environment",
            Command = command,
            Model = info,
            Settings = new EvalSettings
            {
                Env = o.Env, Worlds = o.Worlds, UnseenWorlds = o.UnseenWorlds, Episodes = o.Episodes, Seed = o.Seed, Horizons = o.Horizons,
                Context = o.Context, Policy = o.Policy, StabilityFrames = o.StabilityFrames,
            },
            Fidelity = new FidelityReport(seen.Report, unseen?.Report),
            TeacherForced = teacherForced,
            Idm = idm,
            Plausibility = plausibility?.Report,
            LoopClosure = loop?.Report,
            Stability = stability,
            Skipped = skipped.Count > 0 ? skipped : null,
        };
        return new Result(report, modelRollouts, plausibility?.Samples ?? [], loop?.Loops ?? []);

        FidelityProtocol.Result Group(string stage, IReadOnlyList<int> worlds)
        {
            progress?.Invoke($"recording {stage}", 0, 1, "groups");
            var recorded = FidelityProtocol.Record(CreateEnv, env => PolicyRegistry.Create(o.Policy, env, o.Script), worlds, o.Episodes, o.Seed, frames, o.Context);
            progress?.Invoke($"recording {stage}", 1, 1, "groups");
            return FidelityProtocol.Score(recorded, predictors, o.Horizons, o.Seed, stage, progress);
        }
    }
}
