using Orrery.Core.Environments;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Data.Format;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Cuts a dataset into the video-prediction protocol's sequences: non-overlapping windows of context + horizon frames
/// (with their streams) from the start of each episode, episodes in order, at most <c>max</c> in all.
/// </summary>
public static class VideoSequences
{
    public static IReadOnlyList<Rollout> Cut(Dataset dataset, int context, int horizon, int max)
    {
        var length = context + horizon;
        var streams = dataset.Manifest.Streams;
        var sequences = new List<Rollout>();
        for (var e = 0; e < dataset.EpisodeCount && sequences.Count < max; e++)
        {
            var episode = dataset.ReadEpisode(e);
            for (var start = 0; start + length <= episode.Length && sequences.Count < max; start += length)
            {
                var observations = Enumerable.Range(start, length).Select(t => new Observation(episode.Frame(t).ToArray(),
                    new StreamValues(streams.Select(s => KeyValuePair.Create(s.Name, episode.Stream(s.Name).AsSpan(t * s.Size, s.Size).ToArray()))))).ToArray();
                var actions = Enumerable.Range(start, length).Select(t => t == start ? ActionVector.Unknown : episode.Actions[t]).ToArray();
                sequences.Add(new Rollout(e, start, dataset.Spec, context, observations, observations.Take(context).ToArray(), actions));
            }
        }
        return sequences;
    }
}
