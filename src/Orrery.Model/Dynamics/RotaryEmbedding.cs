using static TorchSharp.torch;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Rotary position embedding over the frame index (RoFormer, Su et al. 2021). Attention scores then depend
/// only on frame distances, so cached keys stay valid when the oldest frame leaves the rolling window.
/// </summary>
public static class RotaryEmbedding
{
    /// <summary>cos and sin tables (P, headDim) for the given frame positions; angles are computed in float64.</summary>
    public static (Tensor Cos, Tensor Sin) Table(Tensor positions, int headDim, double ropeBase, ScalarType dtype)
    {
        var half = headDim / 2;
        var inv = pow(ropeBase, arange(0, half, dtype: ScalarType.Float64, device: positions.device).mul(-2.0 / headDim));   // (hd/2)
        var angles = positions.to(ScalarType.Float64).unsqueeze(-1) * inv;                                                   // (P, hd/2)
        var full = cat([angles, angles], -1);                                                                                // (P, hd)
        return (full.cos().to(dtype), full.sin().to(dtype));
    }

    /// <summary>Rotates x (..., L, headDim) by the tables (broadcastable to x).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = cat([x2.neg(), x1], -1);                                                                               // rotate_half
        return x * cos + rotated * sin;
    }
}
