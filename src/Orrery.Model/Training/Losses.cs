using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Training;

/// <summary>The training losses of both stages.</summary>
public static class Losses
{
    /// <summary>Tokenizer reconstruction: L1 (sharp edges) plus weighted MSE (PSNR is what we report).</summary>
    public static Tensor Reconstruction(Tensor reconstruction, Tensor target, double mseWeight) =>
        functional.l1_loss(reconstruction, target) + functional.mse_loss(reconstruction, target) * mseWeight;
}
