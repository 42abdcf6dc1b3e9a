using Orrery.Core.Streams;
using Orrery.Evaluation.Reports;

namespace Orrery.Evaluation.Metrics;

/// <summary>How far predicted streams are from the truth's: mean absolute error over every value, per stream name.</summary>
public static class StreamError
{
    /// <summary>
    /// MAE per stream over (generated, truth) pairs of one frame's streams, for each stream the simulator predicted and
    /// the truth carries; empty when it predicted none.
    /// </summary>
    public static IReadOnlyDictionary<string, StreamScore> Of(IEnumerable<(StreamValues Generated, StreamValues Truth)> pairs)
    {
        var sums = new SortedDictionary<string, (double Sum, long Count)>(StringComparer.Ordinal);
        foreach (var (generated, truth) in pairs)
            foreach (var (name, predicted) in generated)
            {
                if (!truth.TryGetValue(name, out var real) || real.Length != predicted.Length) continue;
                var (sum, count) = sums.GetValueOrDefault(name);
                for (var i = 0; i < real.Length; i++) sum += Math.Abs(predicted[i] - (double)real[i]);
                sums[name] = (sum, count + real.Length);
            }
        return sums.Where(s => s.Value.Count > 0).ToDictionary(s => s.Key, s => new StreamScore(s.Value.Sum / s.Value.Count));
    }
}
