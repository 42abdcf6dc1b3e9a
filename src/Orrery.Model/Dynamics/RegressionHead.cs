using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>Direct regression of the next latent (MSE): fast and stable, blurry where the future is uncertain.</summary>
public sealed class RegressionHead : NextLatentHead
{
    private readonly Linear proj;   // (D) -> (C)

    public RegressionHead(int width, int latentChannels) : base(nameof(RegressionHead))
    {
        proj = Linear(width, latentChannels);
        RegisterComponents();
    }

    public override int NoiseWidth => 0;

    public override Tensor Loss(Tensor features, Tensor target, Generator generator) =>
        functional.mse_loss(proj.forward(features), target);

    public override Tensor Predict(Tensor features, Tensor noise) => proj.forward(features);   // (B, N, C)
}
