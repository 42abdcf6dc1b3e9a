using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// Plays policies closed-loop inside one simulator: each policy acts on that simulator's own observations (frame and
/// streams), never on another's, so inside a model it sees only what the model predicts. All episodes step together,
/// one batched Step per frame; an episode ends at its first solved frame when asked (PushT ends there) or after the
/// frame budget.
/// </summary>
public static class ClosedLoop
{
    /// <summary>One episode: its policy (reset with <paramref name="Seed"/>) and where it begins (context frames and origin).</summary>
    public sealed record Episode(IPolicy Policy, int Seed, SimulatorStart Start);

    /// <summary>
    /// One played episode. Observations[t] and Actions[t] are frame t and the action that produced it, context
    /// included (Actions[0] is unknown); SuccessFrame is the first frame after the context judged solved, or null.
    /// </summary>
    public sealed record Result(IReadOnlyList<Observation> Observations, IReadOnlyList<ActionVector> Actions, int? SuccessFrame)
    {
        public bool Succeeded => SuccessFrame is not null;
    }

    /// <summary>
    /// Plays every episode until <paramref name="frames"/> frames (context included), or its success when
    /// <paramref name="stopAtSuccess"/>. <paramref name="progress"/> receives the frame index reached;
    /// <paramref name="solved"/> judges a frame solved (default: its success stream, <see cref="SuccessJudge.ByStream"/>).
    /// </summary>
    public static IReadOnlyList<Result> Run(ISimulator simulator, IReadOnlyList<Episode> episodes, int frames, bool stopAtSuccess, Action<int>? progress = null,
                                            Func<Observation, bool>? solved = null)
    {
        solved ??= SuccessJudge.ByStream;
        var n = episodes.Count;
        var observations = episodes.Select(e => new List<Observation>(e.Start.Context)).ToArray();
        var actions = episodes.Select(e => new List<ActionVector>(e.Start.Actions)).ToArray();
        var success = new int?[n];
        var states = new SimulatorState[n];
        try
        {
            for (var e = 0; e < n; e++)
            {
                episodes[e].Policy.Reset(episodes[e].Seed);
                states[e] = simulator.Begin(episodes[e].Start);
            }
            var start = episodes.Count == 0 ? frames : episodes.Min(e => e.Start.Context.Count);
            for (var t = start; t < frames; t++)
            {
                var active = Enumerable.Range(0, n).Where(e => observations[e].Count == t && !(stopAtSuccess && success[e] is not null)).ToArray();
                if (active.Length == 0) break;
                var stepActions = active.Select(e => Act(episodes[e], observations[e], t)).ToArray();
                var predicted = simulator.Step(active.Select(e => states[e]).ToArray(), stepActions);
                for (var i = 0; i < active.Length; i++)
                {
                    var e = active[i];
                    observations[e].Add(predicted[i]);
                    actions[e].Add(stepActions[i]);
                    if (success[e] is null && solved(predicted[i])) success[e] = t;
                }
                progress?.Invoke(t + 1);
            }
        }
        finally
        {
            foreach (var s in states) s?.Dispose();
        }
        return Enumerable.Range(0, n).Select(e => new Result(observations[e], actions[e], success[e])).ToArray();
    }

    // The policy's step counts from the newest context frame, the first frame it acts on.
    private static ActionVector Act(Episode episode, List<Observation> seen, int t) =>
        episode.Policy.Act(seen[^1], t - episode.Start.Context.Count);
}
