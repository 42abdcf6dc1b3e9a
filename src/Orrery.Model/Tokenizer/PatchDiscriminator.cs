using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Tokenizer;

/// <summary>
/// Judges each overlapping patch of a frame real or decoded, so that an adversarial loss can push the decoder towards
/// real texture where a pixel loss averages it away (PatchGAN, Isola et al. 2017; VQGAN, Esser et al. 2021).
/// Training-only: it is never part of a checkpoint.
/// </summary>
public sealed class PatchDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public PatchDiscriminator(int imageChannels, int width = 32, int groups = 8) : base(nameof(PatchDiscriminator))
    {
        layers = Sequential(
            ("in", Conv2d(imageChannels, width, 4, stride: 2, padding: 1)),              // H -> H/2
            ("act0", LeakyReLU(0.2)),
            ("down", Conv2d(width, width * 2, 4, stride: 2, padding: 1)),                 // H/2 -> H/4
            ("norm1", Norms.Group(groups, width * 2)),
            ("act1", LeakyReLU(0.2)),
            ("mid", Conv2d(width * 2, width * 4, 3, padding: 1)),
            ("norm2", Norms.Group(groups, width * 4)),
            ("act2", LeakyReLU(0.2)),
            ("out", Conv2d(width * 4, 1, 3, padding: 1)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor frames) => layers.forward(frames);   // (B, C_img, H, W) -> (B, 1, H/4, W/4) logits
}
