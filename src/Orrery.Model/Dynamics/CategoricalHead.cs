using Orrery.Model.Tokenizer;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// A categorical head over the tokenizer's finite scalar codebook (discrete tokens as in IRIS and Genie): each next
/// token is one of the codebook's entries, trained with cross-entropy and predicted as its most likely code, so the
/// prediction is always a latent the decoder knows, never an average that decodes to blur.
/// </summary>
public sealed class CategoricalHead : NextLatentHead
{
    private readonly Linear logits;   // (D) -> (codebook)
    private readonly ScalarQuantizer codebook;

    public CategoricalHead(int width, ScalarQuantizer codebook) : base(nameof(CategoricalHead))
    {
        this.codebook = codebook;
        logits = Linear(width, codebook.CodebookSize);
        RegisterComponents();
    }

    /// <summary>Greedy: the most likely code of every token, so the same context and actions give the same frame.</summary>
    public override bool IsStochastic => false;

    public override Tensor Loss(Tensor features, Tensor target, Generator generator)
    {
        var scores = logits.forward(features).to(ScalarType.Float32);                     // (..., N, V)
        return functional.cross_entropy(scores.flatten(0, -2), codebook.Indices(target).flatten());
    }

    public override Tensor Predict(Tensor features, Tensor initialNoise) =>
        codebook.Values(logits.forward(features).argmax(-1), features.dtype);              // (B, N, V) -> (B, N, C)
}
