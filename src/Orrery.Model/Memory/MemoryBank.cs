using static TorchSharp.torch;

namespace Orrery.Model.Memory;

/// <summary>
/// One rollout's memory: the frames it kept (latent and key), under <see cref="MemoryRecall"/>'s rules. Owns its
/// tensors (detached from any dispose scope): dispose it.
/// </summary>
public sealed class MemoryBank : IDisposable
{
    private readonly List<float[]> keys = [];
    private readonly List<Tensor> latents = [];   // each (N, C)
    private readonly double mergeDistance;

    public MemoryBank(int keySize, double mergeDistance)
    {
        KeySize = keySize;
        this.mergeDistance = mergeDistance;
    }

    /// <summary>S, the key's size.</summary>
    public int KeySize { get; }

    /// <summary>Frames kept.</summary>
    public int Count => keys.Count;

    /// <summary>The kept frames' keys, oldest first.</summary>
    public IReadOnlyList<float[]> Keys => keys;

    /// <summary>The kept frames' latents (N, C), oldest first.</summary>
    public IReadOnlyList<Tensor> Latents => latents;

    /// <summary>Keeps a frame (latent (1, N, C) or (N, C)) unless a kept frame's key is within the merge distance of its key.</summary>
    public void Offer(Tensor latent, float[] key)
    {
        if (!MemoryRecall.Admits(keys, keys.Count, key, mergeDistance)) return;
        keys.Add(key);
        latents.Add(latent.reshape(latent.shape[^2], latent.shape[^1]).clone().DetachFromDisposeScope());
    }

    /// <summary>
    /// The `frames` kept frames nearest `query` as one clip frame of memory: latents (1, 1, M, N, C), relative keys
    /// (1, 1, M, 2S+1); empty slots are zeros flagged absent. `like` gives the latents' shape, dtype and device.
    /// </summary>
    public MemoryInput Recall(float[] query, int frames, Tensor like)
    {
        var relative = new float[frames * MemoryRecall.SlotFeatures(KeySize)];
        var nearest = MemoryRecall.Recall(keys, keys.Count, query, frames, relative);
        var n = like.shape[^2];
        var c = like.shape[^1];
        var rows = Enumerable.Range(0, frames).Select(m => m < nearest.Length ? latents[nearest[m]] : zeros_like(like.reshape(n, c))).ToArray();
        return new MemoryInput(stack(rows, 0).view(1, 1, frames, n, c),
                               tensor(relative, [1, 1, frames, MemoryRecall.SlotFeatures(KeySize)]).to(like.dtype).to(like.device));
    }

    /// <summary>An independent copy.</summary>
    public MemoryBank Clone()
    {
        var copy = new MemoryBank(KeySize, mergeDistance);
        for (var i = 0; i < keys.Count; i++)
        {
            copy.keys.Add((float[])keys[i].Clone());
            copy.latents.Add(latents[i].clone().DetachFromDisposeScope());
        }
        return copy;
    }

    /// <summary>Adds a kept frame as read back from a saved state (no merge check: it was kept when saved).</summary>
    public void Restore(float[] key, Tensor latent)
    {
        keys.Add(key);
        latents.Add(latent.DetachFromDisposeScope());
    }

    public void Dispose()
    {
        foreach (var latent in latents) latent.Dispose();
        latents.Clear();
        keys.Clear();
    }
}
