using Orrery.Data.Sampling;
using static TorchSharp.torch;

namespace Orrery.Training.Sampling;

/// <summary>Random windows of cached latents, the actions between their frames, and where each came from.</summary>
public sealed record LatentWindowBatch(Tensor Latents, Tensor NextActions, (int Episode, int Start)[] Origins)
{
    /// <summary>Draws `count` windows of sampler.Length frames: latents (B, L, N, C), next actions (B, L-1).</summary>
    public static LatentWindowBatch Sample(TrainingCorpus corpus, IReadOnlyList<Tensor> latents, WindowSampler sampler, Random rng, int count, int nullAction)
    {
        var length = sampler.Length;
        var windows = new Tensor[count];
        var actions = new long[count * (length - 1)];
        var origins = new (int, int)[count];
        for (var i = 0; i < count; i++)
        {
            var (e, s) = sampler.Sample(rng);
            windows[i] = latents[e].narrow(0, s, length);                                             // (L, N, C)
            origins[i] = (e, s);
            ModelActions.FillNext(corpus.Episodes[e].Actions, s, actions.AsSpan(i * (length - 1), length - 1), nullAction);
        }
        return new LatentWindowBatch(stack(windows, 0), tensor(actions, [count, length - 1]), origins);   // (B, L, N, C), (B, L-1)
    }
}
