using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>Multi-head self-attention over frame tokens with rotary time positions and optional cached past keys/values.</summary>
public sealed class FrameAttention : Module
{
    private readonly Linear qkv;    // (D) -> (3D)
    private readonly Linear proj;   // (D) -> (D)
    private readonly int heads;

    public FrameAttention(int width, int heads) : base(nameof(FrameAttention))
    {
        this.heads = heads;
        qkv = Linear(width, 3 * width);
        proj = Linear(width, width);
        RegisterComponents();
    }

    /// <summary>
    /// x (B, L, D); cos/sin broadcastable to (B, H, L, hd); mask (L, Lpast+L) bool or null (all visible);
    /// past keys/values (B, H, Lpast, hd) or null. Returns the output (B, L, D) and this call's rotated keys and values (B, H, L, hd).
    /// </summary>
    public (Tensor Output, Tensor Keys, Tensor Values) Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask, Tensor? pastKeys, Tensor? pastValues)
    {
        long b = x.shape[0], l = x.shape[1], d = x.shape[2];
        var parts = qkv.forward(x).view(b, l, 3, heads, d / heads).permute(2, 0, 3, 1, 4);   // (3, B, H, L, hd)
        var q = RotaryEmbedding.Apply(parts[0], cos, sin);
        var k = RotaryEmbedding.Apply(parts[1], cos, sin);
        var v = parts[2];
        var keys = pastKeys is null ? k : cat([pastKeys, k], 2);                              // (B, H, Lpast+L, hd)
        var values = pastValues is null ? v : cat([pastValues, v], 2);
        var o = functional.scaled_dot_product_attention(q, keys, values, mask);               // (B, H, L, hd)
        return (proj.forward(o.transpose(1, 2).reshape(b, l, d)), k, v);                      // (B, L, D)
    }
}
