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
    private readonly List<long> frames = [];      // the frame index each was kept at, ascending
    private readonly double mergeDistance;
    private readonly int minAge;

    /// <summary>minAge: how many frames old a kept frame must be to be recalled (dynamics.memoryMinAge).</summary>
    public MemoryBank(int keySize, double mergeDistance, int minAge)
    {
        KeySize = keySize;
        this.mergeDistance = mergeDistance;
        this.minAge = minAge;
    }

    /// <summary>S, the key's size.</summary>
    public int KeySize { get; }

    /// <summary>Frames kept.</summary>
    public int Count => keys.Count;

    /// <summary>The kept frames' keys, oldest first.</summary>
    public IReadOnlyList<float[]> Keys => keys;

    /// <summary>The kept frames' latents (N, C), oldest first.</summary>
    public IReadOnlyList<Tensor> Latents => latents;

    /// <summary>The frame index each kept frame was kept at, oldest first.</summary>
    public IReadOnlyList<long> Frames => frames;

    /// <summary>Keeps frame `frame` (latent (1, N, C) or (N, C)) unless a kept frame's key is within the merge distance of its key.</summary>
    public void Offer(Tensor latent, float[] key, long frame)
    {
        if (!MemoryRecall.Admits(keys, keys.Count, key, mergeDistance)) return;
        Keep(key, latent.reshape(latent.shape[^2], latent.shape[^1]).clone().DetachFromDisposeScope(), frame);
    }

    /// <summary>
    /// The `slots` kept frames nearest `query`, of those old enough to recall when stepping frame `newest`, as one
    /// clip frame of memory: latents (1, 1, M, N, C), relative keys (1, 1, M, 2S+1); empty slots are zeros flagged
    /// absent. `like` gives the latents' shape, dtype and device.
    /// </summary>
    public MemoryInput Recall(float[] query, int slots, Tensor like, long newest)
    {
        var relative = new float[slots * MemoryRecall.SlotFeatures(KeySize)];
        var nearest = MemoryRecall.Recall(keys, MemoryRecall.Recallable(frames, newest, minAge), query, slots, relative);
        var n = like.shape[^2];
        var c = like.shape[^1];
        var rows = Enumerable.Range(0, slots).Select(m => m < nearest.Length ? latents[nearest[m]] : zeros_like(like.reshape(n, c))).ToArray();
        return new MemoryInput(stack(rows, 0).view(1, 1, slots, n, c),
                               tensor(relative, [1, 1, slots, MemoryRecall.SlotFeatures(KeySize)]).to(like.dtype).to(like.device));
    }

    /// <summary>An independent copy.</summary>
    public MemoryBank Clone()
    {
        var copy = new MemoryBank(KeySize, mergeDistance, minAge);
        for (var i = 0; i < keys.Count; i++) copy.Keep((float[])keys[i].Clone(), latents[i].clone().DetachFromDisposeScope(), frames[i]);
        return copy;
    }

    /// <summary>Adds a kept frame as read back from a saved state (no merge check: it was kept when saved).</summary>
    public void Restore(float[] key, Tensor latent, long frame) => Keep(key, latent.DetachFromDisposeScope(), frame);

    private void Keep(float[] key, Tensor latent, long frame)
    {
        keys.Add(key);
        latents.Add(latent);
        frames.Add(frame);
    }

    public void Dispose()
    {
        foreach (var latent in latents) latent.Dispose();
        latents.Clear();
        keys.Clear();
        frames.Clear();
    }
}
