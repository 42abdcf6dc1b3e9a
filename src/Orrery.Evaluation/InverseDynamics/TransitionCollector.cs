using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.InverseDynamics;

/// <summary>
/// Collects real IDM training pairs: uniformly random actions in fresh episodes, keeping only pairs whose action
/// shows (<see cref="VisibleEffect"/>); the classes stay near balanced, the no-op a little above the rest.
/// </summary>
public static class TransitionCollector
{
    /// <summary><paramref name="count"/> pairs spread over the environments round-robin, one episode of episodeLength steps at a time.</summary>
    public static List<TransitionPair> Collect(IReadOnlyList<IEnvironment> environments, int count, int episodeLength, int seed,
                                               Action<int>? progress = null)
    {
        var rng = new Random(seed);
        var pairs = new List<TransitionPair>(count);
        var episode = 0;
        while (pairs.Count < count)
        {
            var env = environments[episode % environments.Count];
            var space = Discrete(env);
            var before = env.Reset(seed * 7919 + episode).Frame;
            episode++;
            for (var t = 0; t < episodeLength && pairs.Count < count; t++)
            {
                var action = ActionVector.Discrete(rng.Next(space.Count));
                var after = env.Step(action).Frame;
                var pair = new TransitionPair(before, after, action);
                before = after;
                if (!VisibleEffect.Shows(pair, space.Noop)) continue;
                pairs.Add(pair);
                if (pairs.Count % 256 == 0) progress?.Invoke(pairs.Count);
            }
        }
        progress?.Invoke(pairs.Count);
        return pairs;
    }

    /// <summary>The environment's actions, which the IDM classifies: a box has no classes.</summary>
    public static DiscreteActionSpace Discrete(IEnvironment env) =>
        env.Spec.Actions as DiscreteActionSpace
        ?? throw new OrreryException($"environment '{env.Name}': the inverse-dynamics model names discrete actions; this world's actions are {(env.Spec.Actions is null ? "none" : $"a box of {env.Spec.Actions.Dimensions}")}");
}
