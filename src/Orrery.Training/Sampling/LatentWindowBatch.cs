using Orrery.Core.Spaces;
using Orrery.Data.Sampling;
using Orrery.Model.Dynamics;
using static TorchSharp.torch;

namespace Orrery.Training.Sampling;

/// <summary>Random windows of cached latents, the actions between their frames, and where each came from.</summary>
public sealed record LatentWindowBatch(Tensor Latents, Tensor NextActions, (int Episode, int Start)[] Origins)
{
    /// <summary>Draws `count` windows of sampler.Length frames: latents (B, L, N, C), next actions (B, L-1) or (B, L-1, A).</summary>
    public static LatentWindowBatch Sample(TrainingCorpus corpus, IReadOnlyList<Tensor> latents, WindowSampler sampler, Random rng, int count)
    {
        var length = sampler.Length;
        var windows = new Tensor[count];
        var actions = new ActionVector[count * (length - 1)];
        var origins = new (int, int)[count];
        for (var i = 0; i < count; i++)
        {
            var (e, s) = sampler.Sample(rng);
            windows[i] = latents[e].narrow(0, s, length);                                             // (L, N, C)
            origins[i] = (e, s);
            ModelActions.FillNext(corpus.Episodes[e].Actions, s, actions.AsSpan(i * (length - 1), length - 1));
        }
        return new LatentWindowBatch(stack(windows, 0), ActionTensors.Of(actions, corpus.World.Actions, [count, length - 1]), origins);   // (B, L, N, C), (B, L-1) or (B, L-1, A)
    }

    /// <summary>Stream <paramref name="name"/> at window frames [from, from + count) of every window: (B, count, S) float32.</summary>
    public Tensor StreamRows(TrainingCorpus corpus, string name, int from, int count) => StreamRows(corpus, Origins, name, from, count);

    /// <summary>The same for windows given by where they begin (episode, first frame), e.g. validation's.</summary>
    public static Tensor StreamRows(TrainingCorpus corpus, IReadOnlyList<(int Episode, int Start)> origins, string name, int from, int count)
    {
        var size = corpus.World.Stream(name)!.Size;
        var rows = new float[origins.Count * count * size];
        for (var i = 0; i < origins.Count; i++)
        {
            var (e, s) = origins[i];
            corpus.Episodes[e].Stream(name).AsSpan((s + from) * size, count * size).CopyTo(rows.AsSpan(i * count * size));
        }
        return tensor(rows, [origins.Count, count, size]);                                             // (B, count, S)
    }
}
