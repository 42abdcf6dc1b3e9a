using Orrery.Model.Memory;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// One transformer block: adaLN -> attention -> gated residual, then (with a memory) a gated look into the recalled
/// frames, then adaLN -> MLP -> gated residual.
/// </summary>
public sealed class Block : Module
{
    private readonly AdaptiveLayerNorm attnNorm;
    private readonly FrameAttention attn;
    private readonly AdaptiveLayerNorm mlpNorm;
    private readonly Sequential mlp;   // (D) -> (rD) -> (D)
    private readonly MemoryAttention? memory;

    public Block(int width, int heads, int mlpRatio, bool withMemory = false) : base(nameof(Block))
    {
        attnNorm = new AdaptiveLayerNorm(width);
        attn = new FrameAttention(width, heads);
        if (withMemory) memory = new MemoryAttention(width, heads);
        mlpNorm = new AdaptiveLayerNorm(width);
        mlp = Sequential(("fc1", Linear(width, width * mlpRatio)), ("act", GELU()), ("fc2", Linear(width * mlpRatio, width)));
        RegisterComponents();
    }

    /// <summary>
    /// x (B, T, N, D), cond (B, T, D), recalled tokens (B*T, M*N, D) or null -> (B, T, N, D) plus this call's keys and
    /// values for the cache.
    /// </summary>
    public (Tensor Output, Tensor Keys, Tensor Values) Forward(Tensor x, Tensor cond, Tensor cos, Tensor sin, Tensor? mask, Tensor? pastKeys, Tensor? pastValues, Tensor? recalled = null)
    {
        long b = x.shape[0], t = x.shape[1], n = x.shape[2], d = x.shape[3];
        var (h, gate) = attnNorm.Forward(x, cond);
        var (a, k, v) = attn.Forward(h.reshape(b, t * n, d), cos, sin, mask, pastKeys, pastValues);   // (B, T*N, D)
        x = x + gate * a.view(b, t, n, d);
        if (memory is not null && recalled is not null) x = x + memory.Forward(x.reshape(b * t, n, d), recalled).view(b, t, n, d);
        var (h2, gate2) = mlpNorm.Forward(x, cond);
        return (x + gate2 * mlp.forward(h2), k, v);
    }
}
