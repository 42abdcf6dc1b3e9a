using Orrery.Core.Environments;

namespace Orrery.Evaluation.InverseDynamics;

/// <summary>Collects real IDM training pairs: uniformly random actions (balanced classes) in fresh episodes.</summary>
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
            var before = env.Reset(seed * 7919 + episode);
            episode++;
            for (var t = 0; t < episodeLength && pairs.Count < count; t++)
            {
                var action = rng.Next(env.ActionSpace.Count);
                var after = env.Step(action).Observation;
                pairs.Add(new TransitionPair(before, after, action));
                before = after;
                if (pairs.Count % 256 == 0) progress?.Invoke(pairs.Count);
            }
        }
        progress?.Invoke(pairs.Count);
        return pairs;
    }
}
