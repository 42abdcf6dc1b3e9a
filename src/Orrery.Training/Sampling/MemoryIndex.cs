using Orrery.Model.Memory;
using static TorchSharp.torch;

namespace Orrery.Training.Sampling;

/// <summary>
/// The memory of every recorded episode as a rollout would have built it, from the recorded keys: which frames are
/// kept (<see cref="MemoryRecall.Admits"/>, in frame order), so that a training window's frames can be shown the
/// kept frames nearest their own keys, exactly as inference recalls them.
/// </summary>
public sealed class MemoryIndex
{
    private readonly float[][][] keys;      // [episode][frame] the recorded key (S)
    private readonly int[][] kept;          // [episode] the kept frames, ascending
    private readonly float[][][] keptKeys;  // [episode][k] the key of kept frame k
    private readonly int frames;

    public MemoryIndex(TrainingCorpus corpus, string stream, int frames, double mergeDistance)
    {
        this.frames = frames;
        KeySize = corpus.World.Stream(stream)!.Size;
        keys = corpus.Episodes.Select(e => Rows(e.Stream(stream), KeySize)).ToArray();
        kept = keys.Select(k => Keep(k, mergeDistance)).ToArray();
        keptKeys = kept.Select((list, e) => list.Select(f => keys[e][f]).ToArray()).ToArray();
    }

    /// <summary>S, the key's size.</summary>
    public int KeySize { get; }

    /// <summary>
    /// The recalled frames for window frames [from, from + count) of each window (episode, first frame): the kept
    /// frames up to that frame nearest the key of the frame after it (each window frame must have one), as latents
    /// (B, count, M, N, C) taken from the episodes' latents and slot features (B, count, M, 2S+1).
    /// </summary>
    public MemoryInput Recall(IReadOnlyList<Tensor> latents, IReadOnlyList<(int Episode, int Start)> origins, int from, int count)
    {
        var b = origins.Count;
        var slots = count * frames;
        var picked = new Tensor[b];
        var relative = new float[b * slots * MemoryRecall.SlotFeatures(KeySize)];
        for (var i = 0; i < b; i++)
        {
            var (e, s) = origins[i];
            var index = new long[slots];
            var present = new float[slots];
            for (var p = 0; p < count; p++)
            {
                var frame = s + from + p;
                var query = keys[e][frame + 1];   // where the frame's action leads: the recorded next key (inference anticipates it)
                var size = frames * MemoryRecall.SlotFeatures(KeySize);
                var nearest = MemoryRecall.Recall(keptKeys[e], Available(kept[e], frame), query, frames, relative.AsSpan((i * count + p) * size, size));
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

    /// <summary>How many kept frames are at or before `frame` (the memory a rollout has when it steps that frame).</summary>
    private static int Available(int[] keptFrames, int frame)
    {
        var at = Array.BinarySearch(keptFrames, frame);
        return at >= 0 ? at + 1 : ~at;
    }

    private static int[] Keep(float[][] episodeKeys, double mergeDistance)
    {
        var keptKeys = new List<float[]>();
        var keptFrames = new List<int>();
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
