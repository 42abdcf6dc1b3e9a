using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Lets a frame's tokens see one another's codes, so that a sampled frame is one coherent draw rather than 64
/// independent ones (which mix two walls' textures in one view). A small bidirectional transformer over the frame's
/// tokens reads the trunk's features plus the codes chosen so far, a learned mask code where none is yet; it is the
/// MaskGIT decoder (Chang et al. 2022) that Genie's dynamics uses. Its blocks are adaLN-Zero, so a freshly added
/// decoder passes the trunk's features through unchanged and the head starts as the independent one it extends.
/// </summary>
public sealed class MaskedCodeDecoder : Module
{
    private readonly Embedding codes;              // (V + 1) -> (D); the last entry is the mask
    private readonly ModuleList<Block> blocks;
    private readonly long headDim;

    public MaskedCodeDecoder(int width, int heads, int mlpRatio, int layers, long codebookSize) : base(nameof(MaskedCodeDecoder))
    {
        MaskCode = codebookSize;
        headDim = width / heads;
        codes = Embedding(codebookSize + 1, width);
        init.zeros_(codes.weight);   // with the zero gates, a fresh decoder changes nothing: the head starts as the one it extends
        blocks = new ModuleList<Block>(Enumerable.Range(0, layers).Select(_ => new Block(width, heads, mlpRatio)).ToArray());
        RegisterComponents();
    }

    /// <summary>The code index that stands for "not chosen yet".</summary>
    public long MaskCode { get; }

    /// <summary>features (F, N, D), codes (F, N) int64 with MaskCode where unknown -> features (F, N, D) that know the frame's chosen codes.</summary>
    public Tensor Forward(Tensor features, Tensor chosen)
    {
        var x = (features + codes.forward(chosen).to(features.dtype)).unsqueeze(1);      // (F, 1, N, D)
        var cond = features.mean([1], keepdim: true);                                     // (F, 1, D) the frame as a whole
        var cos = ones(1, headDim, dtype: features.dtype);                                // no positions: the features carry them
        var sin = zeros(1, headDim, dtype: features.dtype);
        foreach (var block in blocks)
            (x, _, _) = block.Forward(x, cond, cos, sin, null, null, null);
        return x.squeeze(1);
    }
}
