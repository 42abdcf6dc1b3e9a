using Orrery.Model.Tokenizer;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// A categorical head over the tokenizer's finite scalar codebook (discrete tokens as in IRIS and Genie): each next
/// token is one of the codebook's entries, trained with cross-entropy, so the prediction is always a latent the
/// decoder knows, never an average that decodes to blur. At temperature 0 it takes the most likely code of every
/// token; above 0 it samples logits / temperature with the Gumbel-max trick, its uniforms made from the caller's
/// seeded normal noise, so a seed still fixes every frame.
/// </summary>
public sealed class CategoricalHead : NextLatentHead
{
    private readonly Linear logits;   // (D) -> (codebook)
    private readonly ScalarQuantizer codebook;
    private readonly double temperature;

    public CategoricalHead(int width, ScalarQuantizer codebook, double temperature) : base(nameof(CategoricalHead))
    {
        this.codebook = codebook;
        this.temperature = temperature;
        logits = Linear(width, codebook.CodebookSize);
        RegisterComponents();
    }

    /// <summary>Greedy needs no noise; sampling one normal value per code of every token.</summary>
    public override int NoiseWidth => temperature > 0 ? (int)codebook.CodebookSize : 0;

    public override Tensor Loss(Tensor features, Tensor target, Generator generator)
    {
        var scores = logits.forward(features).to(ScalarType.Float32);                     // (..., N, V)
        return functional.cross_entropy(scores.flatten(0, -2), codebook.Indices(target).flatten());
    }

    public override Tensor Predict(Tensor features, Tensor noise)
    {
        var scores = logits.forward(features).to(ScalarType.Float32);                     // (B, N, V)
        if (temperature > 0) scores = scores / temperature + Gumbel(noise.to(ScalarType.Float32));
        return codebook.Values(scores.argmax(-1), features.dtype);                        // (B, N, C)
    }

    /// <summary>Standard normal (B, N, V) -> standard Gumbel, through the normal CDF's uniforms.</summary>
    private static Tensor Gumbel(Tensor normal)
    {
        var uniform = (special.erf(normal / Math.Sqrt(2)) + 1).mul(0.5).clamp(1e-7, 1 - 1e-7);
        return -(-uniform.log()).log();
    }
}
