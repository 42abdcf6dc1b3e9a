using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Evaluation.Plausibility;

/// <summary>
/// The plausibility judge's network: a small CNN that gives one logit per frame, "this frame is real". Three stride-2
/// convolutions keep enough resolution to see straight wall edges, texture and the floor/ceiling split; batch norm
/// lets a few hundred steps find the sharpness cues (without it a blur went undetected).
/// </summary>
public sealed class JudgeNet : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear head;

    public JudgeNet(int channels, int width) : base(nameof(JudgeNet))
    {
        features = Sequential(
            Conv2d(channels, width, 3, stride: 2, padding: 1), BatchNorm2d(width), ReLU(),             // (B, C, H, W) -> (B, w, H/2, W/2)
            Conv2d(width, 2 * width, 3, stride: 2, padding: 1), BatchNorm2d(2 * width), ReLU(),        // -> (B, 2w, H/4, W/4)
            Conv2d(2 * width, 2 * width, 3, stride: 2, padding: 1), BatchNorm2d(2 * width), ReLU(),    // -> (B, 2w, H/8, W/8)
            AdaptiveMaxPool2d([2, 2]),                                                 // -> (B, 2w, 2, 2): the most telling place of each quarter
            Flatten());                                                              // -> (B, 8w)
        head = Linear(8 * width, 1);                                                 // -> (B, 1)
        RegisterComponents();
    }

    /// <summary>(B, H, W, C) uint8 frames -> (B) logits of "real".</summary>
    public override Tensor forward(Tensor frames)
    {
        var x = frames.to(ScalarType.Float32).div(255f).permute(0, 3, 1, 2);   // (B, C, H, W)
        return head.forward(features.forward(x)).squeeze(1);                   // (B)
    }
}
