using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>Turns trunk features of frame t into frame t+1's latent tokens: the training loss and the prediction.</summary>
public abstract class NextLatentHead : Module
{
    protected NextLatentHead(string name) : base(name) { }

    /// <summary>features (..., N, D), target (..., N, C); noise draws come from the generator.</summary>
    public abstract Tensor Loss(Tensor features, Tensor target, Generator generator);

    /// <summary>features (B, N, D) -> latent (B, N, C); noise (B, N, NoiseWidth), standard normal, is used by sampling heads.</summary>
    public abstract Tensor Predict(Tensor features, Tensor noise);

    /// <summary>Noise values Predict uses per token (0: it is deterministic, and callers may skip drawing any).</summary>
    public abstract int NoiseWidth { get; }
}
