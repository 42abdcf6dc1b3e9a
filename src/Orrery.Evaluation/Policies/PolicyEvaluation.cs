using System.Diagnostics;
using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Simulation;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Policies;

/// <summary>
/// Ranks policies inside a learned simulator against the ground truth: each policy plays the same episodes (the same
/// start states, context frames and seeds) closed-loop in the truth and inside the model, acting only on what that
/// simulator shows it, and each episode succeeds at its first frame that one judge (<see cref="SuccessJudge"/>) calls
/// solved in both. A model is useful when the two success rates agree policy by policy and rank the policies alike.
/// </summary>
public static class PolicyEvaluation
{
    /// <summary>Each policy's success must lie within this of the truth's (the target).</summary>
    public const double TargetGap = 0.1;

    /// <summary>Spearman's rho across policies must reach this (WorldEval reports above 0.92).</summary>
    public const double TargetSpearman = 0.9;

    /// <summary>One policy's two runs; the first episode of each is kept whole for a side-by-side picture.</summary>
    public sealed record PolicyRuns(PolicyScore Score, ClosedLoop.Result TruthExample, ClosedLoop.Result ModelExample);

    /// <summary>
    /// Plays <paramref name="policies"/> (name, factory of a fresh instance) for <paramref name="starts"/>.Count episodes
    /// of at most <paramref name="frames"/> frames in both simulators, each frame judged by <paramref name="solved"/>.
    /// <paramref name="progress"/> receives (policy, frame).
    /// </summary>
    public static IReadOnlyList<PolicyRuns> Run(ISimulator model, ISimulator truth, IReadOnlyList<(string Name, Func<IPolicy> Create)> policies,
                                                IReadOnlyList<(int Seed, SimulatorStart Start)> starts, int frames, Func<Observation, bool> solved,
                                                Action<string, int>? progress = null)
    {
        var runs = new List<PolicyRuns>();
        foreach (var (name, create) in policies)
        {
            var (truthResults, truthSeconds) = Play(truth, create, starts, frames, solved, t => progress?.Invoke(name, t));
            var (modelResults, modelSeconds) = Play(model, create, starts, frames, solved, t => progress?.Invoke(name, t));
            var score = new PolicyScore(name, Rate(truthResults), Rate(modelResults), starts.Count, truthSeconds, modelSeconds,
                                        truthResults.Select(r => r.Succeeded).ToArray(), modelResults.Select(r => r.Succeeded).ToArray());
            runs.Add(new PolicyRuns(score, truthResults[0], modelResults[0]));
        }
        return runs;
    }

    /// <summary>The summary across policies: correlations of the success rates and whether the targets are met.</summary>
    public static PolicyEvalSummary Summarise(IReadOnlyList<PolicyScore> scores)
    {
        var truth = scores.Select(s => s.TruthSuccess).ToArray();
        var model = scores.Select(s => s.ModelSuccess).ToArray();
        var spearman = RankCorrelation.Spearman(truth, model);
        var gap = scores.Count == 0 ? 0 : scores.Max(s => Math.Abs(s.ModelSuccess - s.TruthSuccess));
        return new PolicyEvalSummary(spearman, RankCorrelation.Pearson(truth, model), gap,
                                     spearman >= TargetSpearman && gap <= TargetGap);
    }

    private static (IReadOnlyList<ClosedLoop.Result> Results, double Seconds) Play(ISimulator simulator, Func<IPolicy> create,
                                                                                   IReadOnlyList<(int Seed, SimulatorStart Start)> starts, int frames,
                                                                                   Func<Observation, bool> solved, Action<int> progress)
    {
        var watch = Stopwatch.StartNew();
        var episodes = starts.Select(s => new ClosedLoop.Episode(create(), s.Seed, s.Start)).ToArray();
        var results = ClosedLoop.Run(simulator, episodes, frames, stopAtSuccess: true, progress, solved);
        return (results, watch.Elapsed.TotalSeconds);
    }

    private static double Rate(IReadOnlyList<ClosedLoop.Result> results) => results.Count == 0 ? 0 : (double)results.Count(r => r.Succeeded) / results.Count;
}

/// <summary>One policy's success rate in the truth and inside the model over the same episodes, and the time each took.</summary>
public sealed record PolicyScore(string Name, double TruthSuccess, double ModelSuccess, int Episodes, double TruthSeconds, double ModelSeconds,
                                 IReadOnlyList<bool> TruthEpisodes, IReadOnlyList<bool> ModelEpisodes);

/// <summary>Agreement across policies: Spearman's rho and Pearson's r of the success rates (null when a side is constant), the largest gap, and whether the targets hold.</summary>
public sealed record PolicyEvalSummary(double? Spearman, double? Pearson, double LargestGap, bool TargetsMet);
