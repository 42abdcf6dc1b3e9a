using System.Diagnostics;
using System.Security.Cryptography;
using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Evaluation.Reports;

namespace Orrery.Evaluation.Planning;

/// <summary>
/// Runs a planner's episodes in the true simulator: each episode begins from the first K frames of (world 0, seed + e)
/// under the no-op, the planner decides from the current true state, its action is held in the truth for
/// <see cref="PlanOptions.ActionRepeat"/> frames, and the episode succeeds at the first frame whose true success stream
/// is 1 (or fails at <see cref="PlanTask.Steps"/> frames).
/// </summary>
public static class PlanEvaluation
{
    /// <summary>
    /// Plans <paramref name="episodes"/> episodes with <paramref name="planner"/>: the ground truth itself (the upper
    /// bound; it forks the true state) or a model (it begins from the newest <paramref name="contextFrames"/> true
    /// frames). <paramref name="progress"/> hears how many of the episodes' <see cref="PlanTask.Steps"/> frames are done
    /// (an episode that succeeds early counts all of its frames).
    /// </summary>
    public static PlannerReport Run(ISimulator planner, EnvironmentSimulator truth, PlanTask task, PlanOptions options, int episodes, int seed, int contextFrames,
                                    Action<int>? progress = null)
    {
        var context = new EnvironmentContext();
        var results = new List<PlanEpisode>();
        var seconds = new List<double>();
        var executed = new List<ActionVector>();
        for (var e = 0; e < episodes; e++)
        {
            var start = context.Context(task.Environment, truth.World.Parameters, 0, seed + e, contextFrames);
            var taken = new List<ActionVector>();
            results.Add(Episode(planner, truth, task, options, start, seed + e, seconds, taken, progress));
            executed.AddRange(taken);
            progress?.Invoke(task.Steps - taken.Count);
        }
        var successes = results.Count(r => r.Success);
        return new PlannerReport(planner.Name, planner.IdentityHash, (double)successes / episodes, successes, episodes,
                                 TimeSummary.Of(seconds), seconds.Count, ActionsSha256(executed), results);
    }

    // appends each decision's seconds and each executed action
    private static PlanEpisode Episode(ISimulator planner, EnvironmentSimulator truth, PlanTask task, PlanOptions options, SimulatorStart start, int seed,
                                       List<double> seconds, List<ActionVector> taken, Action<int>? progress)
    {
        var cem = new CemPlanner(planner, options, seed);
        var observations = start.Context.ToList();
        var actions = start.Actions.ToList();
        using var real = truth.Begin(start);
        var action = ActionVector.Unknown;
        while (!Succeeded(observations[^1]) && taken.Count < task.Steps)
        {
            if (taken.Count % options.ActionRepeat == 0)
            {
                var clock = Stopwatch.StartNew();
                using var root = ReferenceEquals(planner, truth) ? truth.Fork(real) : planner.Begin(Window(start, observations, actions, planner.ContextFrames));
                action = cem.Next(root);
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
            observations.Add(truth.Step([real], [action])[0]);
            actions.Add(action);
            taken.Add(action);
            progress?.Invoke(1);
        }
        return new PlanEpisode(seed, Succeeded(observations[^1]), taken.Count);
    }

    // the model's own window: its newest K true frames and the actions that made them (the first is not conditioned on)
    private static SimulatorStart Window(SimulatorStart start, List<Observation> observations, List<ActionVector> actions, int frames)
    {
        var from = Math.Max(0, observations.Count - frames);
        return start with { Context = observations[from..], Actions = [ActionVector.Unknown, .. actions[(from + 1)..]] };
    }

    private static bool Succeeded(Observation observation) => observation.Streams[StreamNames.Success][0] >= 1;

    private static string ActionsSha256(IEnumerable<ActionVector> actions)
    {
        var bytes = actions.SelectMany(a => a.Values.ToArray()).SelectMany(BitConverter.GetBytes).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
