using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Open-loop fidelity: record episodes with the policy in the real environment, give each simulator the first C
/// real observations, then only the recorded actions, and score the h-th generated frame (and its predicted
/// streams) against the truth at each horizon.
/// </summary>
public static class FidelityProtocol
{
    /// <summary>What one group of worlds produced: the report, the recorded truth, and each simulator's rollouts by name.</summary>
    public sealed record Result(GroupFidelity Report, IReadOnlyList<Rollout> Truth, IReadOnlyDictionary<string, IReadOnlyList<Rollout>> Rollouts);

    /// <summary>The reset seed of episode <paramref name="episode"/> in <paramref name="world"/>.</summary>
    public static int EpisodeSeed(int seed, int world, int episode) => seed + world * 1000 + episode;

    /// <summary>Records episodes of context + max(horizons) frames, E per world, in the real environment.</summary>
    public static IReadOnlyList<Rollout> Record(Func<int, IEnvironment> createEnv, Func<IEnvironment, IPolicy> createPolicy,
                                                IReadOnlyList<int> worlds, int episodes, int seed, int frames, int context)
    {
        var recorded = new List<Rollout>();
        foreach (var world in worlds)
        {
            var env = createEnv(world);
            for (var e = 0; e < episodes; e++)
            {
                var s = EpisodeSeed(seed, world, e);
                var (truth, actions) = GroundTruth.Record(env, createPolicy(env), s, frames);
                recorded.Add(new Rollout(world, s, env.Spec.Observation, context, truth, truth.Take(context).ToArray(), actions));
            }
        }
        return recorded;
    }

    /// <summary>Replays every simulator on the recorded episodes and scores them at each horizon.</summary>
    public static Result Score(IReadOnlyList<Rollout> recorded, IReadOnlyList<ISimulator> predictors, IReadOnlyList<int> horizons,
                               long modelSeed, string stage, EvalProgress? progress = null)
    {
        var spec = recorded[0].Spec;
        var context = recorded[0].Context;
        var steps = recorded[0].Length - context;
        var scores = new List<PredictorFidelity>();
        var rollouts = new Dictionary<string, IReadOnlyList<Rollout>>();
        foreach (var predictor in predictors)
        {
            var title = $"{stage}: {predictor.Name}";
            var generated = Replay.Run(predictor, recorded, modelSeed, done => progress?.Invoke(title, done, steps, "frames"));
            rollouts[predictor.Name] = generated;
            scores.Add(new PredictorFidelity(predictor.Name, horizons.Where(h => h <= steps).Select(h => AtHorizon(generated, spec, context, h)).ToArray()));
        }
        var model = rollouts[predictors[0].Name];
        var episodes = model.Select(r => new EpisodeScore(r.World, r.Seed,
            Enumerable.Range(context, r.Length - context).Average(t => Psnr.Compute(r.Generated[t].Frame, r.Truth[t].Frame)))).ToArray();
        var worlds = recorded.Select(r => r.World).Distinct().ToArray();
        return new Result(new GroupFidelity(worlds, recorded.Count, scores, episodes), recorded, rollouts);
    }

    private static HorizonScore AtHorizon(IReadOnlyList<Rollout> rollouts, ObservationSpec spec, int context, int horizon)
    {
        var t = context + horizon - 1;
        return new HorizonScore(horizon,
            MeanStd.Of(rollouts.Select(r => Psnr.Compute(r.Generated[t].Frame, r.Truth[t].Frame))),
            MeanStd.Of(rollouts.Select(r => Ssim.Compute(r.Generated[t].Frame, r.Truth[t].Frame, spec, SsimWindow.Gaussian))),
            StreamError.Of(rollouts.Select(r => (r.Generated[t].Streams, r.Truth[t].Streams))));
    }
}
