using static TorchSharp.torch;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Keys and values of past frames, per layer (B, H, frames*N, hd): one rollout (B = 1), or a batch of rollouts
/// stepped together. Owns its tensors (detached from any dispose scope); Append drops the oldest frames when the
/// window is full.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] keys;
    private readonly Tensor?[] values;
    private readonly int tokensPerFrame;

    public KvCache(int layers, int tokensPerFrame)
    {
        keys = new Tensor?[layers];
        values = new Tensor?[layers];
        this.tokensPerFrame = tokensPerFrame;
    }

    /// <summary>Frames currently cached.</summary>
    public int Frames { get; private set; }

    public int Layers => keys.Length;

    public Tensor? Keys(int layer) => keys[layer];

    public Tensor? Values(int layer) => values[layer];

    /// <summary>Every layer's keys, or null while empty (what a trunk step takes as its past).</summary>
    public Tensor[]? AllKeys => Frames == 0 ? null : keys.Select(k => k!).ToArray();

    /// <summary>Every layer's values, or null while empty.</summary>
    public Tensor[]? AllValues => Frames == 0 ? null : values.Select(v => v!).ToArray();

    /// <summary>Appends one frame's keys/values per layer (B, H, N, hd), then keeps at most maxFrames frames.</summary>
    public void Append(IReadOnlyList<Tensor> newKeys, IReadOnlyList<Tensor> newValues, int maxFrames)
    {
        var keep = Math.Min(Frames + 1, maxFrames);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Roll(keys[i], newKeys[i], keep);
            values[i] = Roll(values[i], newValues[i], keep);
        }
        Frames = keep;
    }

    private Tensor Roll(Tensor? old, Tensor add, int keepFrames)
    {
        // one copy per append: `add` is a view into the whole batch's keys, so it is copied when it stands alone; a
        // concatenation is new memory already, and a narrowed one is copied by contiguous()
        var joined = old is null ? add.clone() : cat([old, add], 2);                  // (1, H, (F+1)*N, hd)
        var drop = joined.shape[2] - (long)keepFrames * tokensPerFrame;
        var kept = (drop > 0 ? joined.narrow(2, drop, joined.shape[2] - drop).contiguous() : joined).DetachFromDisposeScope();
        old?.Dispose();
        return kept;
    }

    public KvCache Clone()
    {
        var copy = new KvCache(keys.Length, tokensPerFrame) { Frames = Frames };
        for (var i = 0; i < keys.Length; i++)
        {
            copy.keys[i] = keys[i]?.clone().DetachFromDisposeScope();
            copy.values[i] = values[i]?.clone().DetachFromDisposeScope();
        }
        return copy;
    }

    /// <summary>Replaces the contents (used when a state is loaded from a stream).</summary>
    public void Restore(int frames, Tensor[] newKeys, Tensor[] newValues)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i]?.Dispose();
            values[i]?.Dispose();
            keys[i] = frames == 0 ? null : newKeys[i].DetachFromDisposeScope();
            values[i] = frames == 0 ? null : newValues[i].DetachFromDisposeScope();
        }
        Frames = frames;
    }

    public void Dispose()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i]?.Dispose();
            values[i]?.Dispose();
            keys[i] = values[i] = null;
        }
    }
}
