using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// Plays environments and a simulator in lockstep: the policy acts on the real observations, the same actions go to
/// the environment and (batched, one Step call for all episodes) to the simulator, after C real context observations.
/// </summary>
public static class LockstepRollout
{
    /// <summary>One episode to play: its environment (not yet reset), its policy, the reset seed and the world id for reports.</summary>
    public sealed record Episode(IEnvironment Environment, IPolicy Policy, int World, int Seed);

    /// <summary>
    /// Plays every episode for <paramref name="frames"/> frames (context included). <paramref name="onFrame"/> sees
    /// (t, truths, generated) for each frame t >= context; with keepFrames false the returned rollouts hold no
    /// observations (long stability runs).
    /// </summary>
    public static IReadOnlyList<Rollout> Run(ISimulator simulator, IReadOnlyList<Episode> episodes, int frames, int context,
                                             long modelSeed, Action<int>? progress = null,
                                             Action<int, IReadOnlyList<Observation>, IReadOnlyList<Observation>>? onFrame = null,
                                             bool keepFrames = true)
    {
        if (context < 1) throw new ArgumentOutOfRangeException(nameof(context), "the model needs at least one real frame");
        if (frames <= context) throw new ArgumentOutOfRangeException(nameof(frames), $"frames ({frames}) must exceed context ({context})");
        var n = episodes.Count;
        var truth = new List<Observation>[n];
        var generated = new List<Observation>[n];
        var actions = new List<ActionVector>[n];
        var last = new Observation[n];
        for (var e = 0; e < n; e++)
        {
            var ep = episodes[e];
            ep.Policy.Reset(ep.Seed);
            last[e] = ep.Environment.Reset(ep.Seed);
            truth[e] = [last[e]];
            actions[e] = [ActionVector.Unknown];
            for (var t = 1; t < context; t++) StepEnvironment(ep, last, truth, actions, e, t);
            generated[e] = [.. truth[e]];
        }
        var states = episodes.Select((ep, e) => simulator.Begin(new SimulatorStart(truth[e], actions[e], modelSeed + e, new EpisodeOrigin(ep.World, ep.Seed))))
                             .ToArray();
        progress?.Invoke(context);
        try
        {
            Play();
        }
        finally
        {
            foreach (var s in states) s.Dispose();
        }
        return episodes.Select((ep, e) => new Rollout(ep.World, ep.Seed, ep.Environment.Spec.Observation, context, truth[e], generated[e], actions[e]))
                       .ToArray();

        void Play()
        {
            for (var t = context; t < frames; t++)
            {
                var stepActions = new ActionVector[n];
                for (var e = 0; e < n; e++) stepActions[e] = StepEnvironment(episodes[e], last, truth, actions, e, t);
                var predicted = simulator.Step(states, stepActions);
                for (var e = 0; e < n; e++) generated[e].Add(predicted[e]);
                onFrame?.Invoke(t, last, predicted);
                if (!keepFrames)
                    for (var e = 0; e < n; e++)
                    {
                        truth[e].Clear();
                        generated[e].Clear();
                    }
                progress?.Invoke(t + 1);
            }
        }
    }

    private static ActionVector StepEnvironment(Episode ep, Observation[] last, List<Observation>[] truth, List<ActionVector>[] actions, int e, int t)
    {
        var action = ep.Policy.Act(last[e], t - 1);
        last[e] = ep.Environment.Step(action).Observation;
        truth[e].Add(last[e]);
        actions[e].Add(action);
        return action;
    }
}
