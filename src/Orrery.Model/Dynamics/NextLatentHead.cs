using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>Turns trunk features of frame t into frame t+1's latent tokens: the training loss and the prediction.</summary>
public abstract class NextLatentHead : Module
{
    protected NextLatentHead(string name) : base(name) { }

    /// <summary>features (..., N, D), target (..., N, C); noise draws come from the generator.</summary>
    public abstract Tensor Loss(Tensor features, Tensor target, Generator generator);

    /// <summary>features (B, N, D) -> latent (B, N, C); initialNoise (B, N, C) is used by sampling heads.</summary>
    public abstract Tensor Predict(Tensor features, Tensor initialNoise);

    /// <summary>Whether Predict uses its noise (otherwise callers may skip drawing it).</summary>
    public abstract bool IsStochastic { get; }
}
