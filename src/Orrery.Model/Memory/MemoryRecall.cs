namespace Orrery.Model.Memory;

/// <summary>
/// The memory's rules, shared by training (over recorded keys) and inference (over predicted ones), so that the model
/// recalls at inference exactly what it learned to use: which frames are kept, which are old enough to recall, and
/// which of those are recalled.
/// </summary>
public static class MemoryRecall
{
    /// <summary>Whether a frame with this key is kept: no kept key lies within mergeDistance of it (the first view of a place stays).</summary>
    public static bool Admits(IReadOnlyList<float[]> kept, int count, ReadOnlySpan<float> key, double mergeDistance)
    {
        var limit = mergeDistance * mergeDistance;
        for (var i = 0; i < count; i++)
            if (SquaredDistance(kept[i], key) <= limit) return false;
        return true;
    }

    /// <summary>
    /// How many kept frames (kept in frame order, so a prefix) a rollout may recall when it steps frame `stepping`: those
    /// at least `minAge` frames older (dynamics.memoryMinAge).
    /// </summary>
    public static int Recallable(IReadOnlyList<long> keptFrames, long stepping, int minAge)
    {
        int low = 0, high = keptFrames.Count;   // the first kept frame younger than minAge lies in [low, high]
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (keptFrames[mid] <= stepping - minAge) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>
    /// Indices of the (at most) `frames` first `count` kept keys nearest `query`, nearest first; of equally near ones the
    /// older comes first, so the choice never depends on anything but the keys.
    /// </summary>
    public static int[] Nearest(IReadOnlyList<float[]> kept, int count, ReadOnlySpan<float> query, int frames)
    {
        var take = Math.Min(frames, count);
        var best = new int[take];
        var bestDistance = new double[take];
        var filled = 0;
        for (var i = 0; i < count; i++)
        {
            var d = SquaredDistance(kept[i], query);
            if (filled == take && d >= bestDistance[take - 1]) continue;
            var at = Math.Min(filled, take - 1);
            while (at > 0 && bestDistance[at - 1] > d)
            {
                best[at] = best[at - 1];
                bestDistance[at] = bestDistance[at - 1];
                at--;
            }
            best[at] = i;
            bestDistance[at] = d;
            filled = Math.Min(filled + 1, take);
        }
        return best;
    }

    /// <summary>
    /// Recalls for one frame: the (at most) `frames` first `count` kept keys nearest `query`, nearest first, with every
    /// slot's features written to `slotFeatures` (frames x 2S+1; slots past the kept ones empty). Returns the indices
    /// of the kept frames that fill the slots.
    /// </summary>
    public static int[] Recall(IReadOnlyList<float[]> kept, int count, ReadOnlySpan<float> query, int frames, Span<float> slotFeatures)
    {
        var nearest = Nearest(kept, count, query, frames);
        var size = SlotFeatures(query.Length);
        for (var m = 0; m < frames; m++)
        {
            var features = slotFeatures.Slice(m * size, size);
            if (m < nearest.Length) WriteRelativeKey(kept[nearest[m]], query, features);
            else WriteEmpty(features);
        }
        return nearest;
    }

    /// <summary>Values the model reads per recall slot for a key of size S.</summary>
    public static int SlotFeatures(int keySize) => 2 * keySize + 1;

    /// <summary>
    /// What the model reads of one recall slot (2S + 1 values): the recalled key minus the query, the query itself
    /// (what a difference of headings means depends on the heading), then 0; an empty slot (fewer kept frames than
    /// slots) is all zeros then 1.
    /// </summary>
    public static void WriteRelativeKey(ReadOnlySpan<float> recalled, ReadOnlySpan<float> query, Span<float> destination)
    {
        for (var i = 0; i < query.Length; i++)
        {
            destination[i] = recalled[i] - query[i];
            destination[query.Length + i] = query[i];
        }
        destination[2 * query.Length] = 0;
    }

    /// <summary>An empty slot's features (2S + 1 values): no key, flagged absent.</summary>
    public static void WriteEmpty(Span<float> destination)
    {
        destination.Clear();
        destination[^1] = 1;
    }

    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
