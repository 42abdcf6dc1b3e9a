using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Training.Stages;

/// <summary>The training losses of the three stages.</summary>
public static class Losses
{
    /// <summary>Tokenizer reconstruction: L1 (sharp edges) plus weighted MSE (PSNR is what we report).</summary>
    public static Tensor Reconstruction(Tensor reconstruction, Tensor target, double mseWeight) =>
        functional.l1_loss(reconstruction, target) + functional.mse_loss(reconstruction, target) * mseWeight;

    /// <summary>The critic's hinge loss on patch logits of real and decoded frames (Lim and Ye 2017, as in VQGAN).</summary>
    public static Tensor CriticHinge(Tensor realLogits, Tensor fakeLogits) =>
        functional.relu(1 - realLogits).mean() + functional.relu(1 + fakeLogits).mean();

    /// <summary>The generator's side of the hinge game: raise the critic's logits on decoded frames.</summary>
    public static Tensor Adversarial(Tensor fakeLogits) => -fakeLogits.mean();
}
