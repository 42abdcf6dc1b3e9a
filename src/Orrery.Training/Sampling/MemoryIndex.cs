using Orrery.Model;
using Orrery.Model.Memory;
using static TorchSharp.torch;

namespace Orrery.Training.Sampling;

/// <summary>
/// The memory of every recorded episode as a rollout would have built it, from the recorded keys: which frames are
/// kept (<see cref="MemoryRecall.Admits"/>, in frame order), so that a training window's frames can be shown the
/// kept frames nearest where their actions are anticipated to lead, exactly as inference recalls them.
/// </summary>
public sealed class MemoryIndex
{
    private readonly TrainingCorpus corpus;
    private readonly string stream;
    private readonly long[][] kept;         // [episode] the kept frames, ascending
    private readonly float[][][] keptKeys;  // [episode][k] the key of kept frame k
    private readonly int frames;
    private readonly int minAge;

    /// <summary>frames recalled per step, the merge distance and the minimum age as dynamics.memoryFrames, -MergeDistance and -MinAge say.</summary>
    public MemoryIndex(TrainingCorpus corpus, string stream, int frames, double mergeDistance, int minAge)
    {
        this.corpus = corpus;
        this.stream = stream;
        this.frames = frames;
        this.minAge = minAge;
        KeySize = corpus.World.Stream(stream)!.Size;
        var keys = corpus.Episodes.Select(e => Rows(e.Stream(stream), KeySize)).ToArray();   // [episode][frame] the recorded key (S)
        kept = keys.Select(k => Keep(k, mergeDistance)).ToArray();
        keptKeys = kept.Select((list, e) => list.Select(f => keys[e][f]).ToArray()).ToArray();
    }

    /// <summary>S, the key's size.</summary>
    public int KeySize { get; }

    /// <summary>
    /// The recalled frames for window frames [from, from + count) of each window (episode, first frame): the kept
    /// frames at least minAge older than that frame nearest where its action is anticipated to lead, as latents (B, count, M, N, C) taken
    /// from the episodes' latents and slot features (B, count, M, 2S+1). nextActions (B, L-1) or (B, L-1, A) are the
    /// windows' actions from their first frame.
    /// </summary>
    public MemoryInput Recall(WorldModelNetwork network, IReadOnlyList<Tensor> latents, IReadOnlyList<(int Episode, int Start)> origins, Tensor nextActions, int from, int count)
    {
        var b = origins.Count;
        var slots = count * frames;
        var size = frames * MemoryRecall.SlotFeatures(KeySize);
        var queries = Anticipate(network, origins, nextActions, from, count);                         // (B*count*S)
        var picked = new Tensor[b];
        var relative = new float[b * count * size];
        for (var i = 0; i < b; i++)
        {
            var (e, s) = origins[i];
            var index = new long[slots];
            var present = new float[slots];
            for (var p = 0; p < count; p++)
            {
                var frame = s + from + p;
                var query = queries.AsSpan((i * count + p) * KeySize, KeySize);
                var nearest = MemoryRecall.Recall(keptKeys[e], MemoryRecall.Recallable(kept[e], frame, minAge), query, frames, relative.AsSpan((i * count + p) * size, size));
                for (var m = 0; m < nearest.Length; m++)
                {
                    index[p * frames + m] = kept[e][nearest[m]];
                    present[p * frames + m] = 1;
                }
            }
            var rows = latents[e].index_select(0, tensor(index));                                    // (count*M, N, C)
            picked[i] = rows * tensor(present).view(slots, 1, 1);
        }
        var n = latents[0].shape[1];
        var c = latents[0].shape[2];
        return new MemoryInput(stack(picked, 0).view(b, count, frames, n, c), tensor(relative, [b, count, frames, MemoryRecall.SlotFeatures(KeySize)]));
    }

    /// <summary>
    /// Where each window frame's action is anticipated to lead, by the network's key head from the recorded key and the
    /// action, without gradient, as a rollout queries its memory. The recorded next key must not be the query: it
    /// holds what the action did, and the model learned to read that there instead of from the action.
    /// </summary>
    private float[] Anticipate(WorldModelNetwork network, IReadOnlyList<(int Episode, int Start)> origins, Tensor nextActions, int from, int count)
    {
        using var noGrad = no_grad();
        var current = LatentWindowBatch.StreamRows(corpus, origins, stream, from, count);             // (B, count, S)
        var actions = nextActions.narrow(1, from, count);                                             // (B, count) or (B, count, A)
        var anticipated = network.MemoryKeyHead!.Anticipate(current, network.Dynamics.ActionFeatures(actions));   // (B, count, S)
        return anticipated.cpu().data<float>().ToArray();
    }

    private static long[] Keep(float[][] episodeKeys, double mergeDistance)
    {
        var keptKeys = new List<float[]>();
        var keptFrames = new List<long>();
        for (var f = 0; f < episodeKeys.Length; f++)
        {
            if (!MemoryRecall.Admits(keptKeys, keptKeys.Count, episodeKeys[f], mergeDistance)) continue;
            keptKeys.Add(episodeKeys[f]);
            keptFrames.Add(f);
        }
        return [.. keptFrames];
    }

    private static float[][] Rows(float[] flat, int size) =>
        Enumerable.Range(0, flat.Length / size).Select(t => flat.AsSpan(t * size, size).ToArray()).ToArray();
}
