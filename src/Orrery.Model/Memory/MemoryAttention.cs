using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Memory;

/// <summary>
/// One block's look into the memory: the frame's tokens attend to the recalled frames' tokens (cross-attention), and
/// the result is added through a gate that starts at zero, so a trained model given a memory predicts exactly what it
/// did without one until training opens the gate.
/// </summary>
public sealed class MemoryAttention : Module
{
    private readonly LayerNorm queryNorm;
    private readonly LayerNorm memoryNorm;
    private readonly Linear query;       // (D) -> (D)
    private readonly Linear keyValue;    // (D) -> (2D)
    private readonly Linear proj;        // (D) -> (D)
    private readonly Parameter gate;     // (D), zero at the start
    private readonly int heads;

    public MemoryAttention(int width, int heads) : base(nameof(MemoryAttention))
    {
        this.heads = heads;
        queryNorm = LayerNorm(width);
        memoryNorm = LayerNorm(width);
        query = Linear(width, width);
        keyValue = Linear(width, 2 * width);
        proj = Linear(width, width);
        gate = Parameter(zeros(width));
        RegisterComponents();
    }

    /// <summary>x (L, N, D) tokens of L frames, memory (L, M*N, D) the tokens recalled for each -> the residual to add (L, N, D).</summary>
    public Tensor Forward(Tensor x, Tensor memory)
    {
        long l = x.shape[0], n = x.shape[1], d = x.shape[2], m = memory.shape[1];
        var q = query.forward(queryNorm.forward(x)).view(l, n, heads, d / heads).transpose(1, 2);                  // (L, H, N, hd)
        var kv = keyValue.forward(memoryNorm.forward(memory)).view(l, m, 2, heads, d / heads).permute(2, 0, 3, 1, 4);   // (2, L, H, M*N, hd)
        var o = functional.scaled_dot_product_attention(q, kv[0], kv[1]);                                         // (L, H, N, hd)
        return gate * proj.forward(o.transpose(1, 2).reshape(l, n, d));                                           // (L, N, D)
    }
}
