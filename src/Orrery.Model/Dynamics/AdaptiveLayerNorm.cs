using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// adaLN-Zero (DiT, Peebles and Xie 2023): LayerNorm without affine, then a per-frame scale and shift, plus
/// a gate for the residual branch, all predicted from the frame's condition. Zero-initialised, so each block
/// starts as the identity.
/// </summary>
public sealed class AdaptiveLayerNorm : Module
{
    private readonly Linear modulation;   // (D) -> (3D)
    private readonly long width;

    public AdaptiveLayerNorm(long width) : base(nameof(AdaptiveLayerNorm))
    {
        this.width = width;
        modulation = Linear(width, 3 * width);
        init.zeros_(modulation.weight);
        init.zeros_(modulation.bias);
        RegisterComponents();
    }

    /// <summary>x (B, T, N, D), cond (B, T, D) -> modulated x (B, T, N, D) and gate (B, T, 1, D).</summary>
    public (Tensor Modulated, Tensor Gate) Forward(Tensor x, Tensor cond)
    {
        var chunks = modulation.forward(functional.silu(cond)).unsqueeze(2).chunk(3, -1);   // 3 x (B, T, 1, D)
        var normed = functional.layer_norm(x, [width], eps: 1e-6);
        return (normed * (chunks[1] + 1) + chunks[0], chunks[2]);
    }
}
