using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Evaluation.InverseDynamics;

/// <summary>
/// Small CNN that guesses the action between two frames. Input channels are (frame t, frame t+1, their difference),
/// since the difference is where the action shows; four convolutions (three with stride 2), each batch-normalised (without
/// it 4 epochs left the training loss at 0.87 and turn-left/turn-right confused), then a pooled 4x4 map and a classifier.
/// </summary>
public sealed class InverseDynamicsNet : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Sequential classifier;

    public InverseDynamicsNet(int channels, int actions, int width = 32) : base(nameof(InverseDynamicsNet))
    {
        features = Sequential(
            Conv2d(3 * channels, width, 4, stride: 2, padding: 1), BatchNorm2d(width), ReLU(),         // (B, 3C, H, W) -> (B, w, H/2, W/2)
            Conv2d(width, 2 * width, 4, stride: 2, padding: 1), BatchNorm2d(2 * width), ReLU(),        // -> (B, 2w, H/4, W/4)
            Conv2d(2 * width, 2 * width, 4, stride: 2, padding: 1), BatchNorm2d(2 * width), ReLU(),    // -> (B, 2w, H/8, W/8)
            Conv2d(2 * width, 2 * width, 3, stride: 1, padding: 1), BatchNorm2d(2 * width), ReLU(),    // -> (B, 2w, H/8, W/8)
            AdaptiveAvgPool2d(4));                                             // -> (B, 2w, 4, 4)
        classifier = Sequential(
            Flatten(),                                                         // -> (B, 32w)
            Linear(2 * width * 16, 128), ReLU(),                               // -> (B, 128)
            Linear(128, actions));                                             // -> (B, A)
        RegisterComponents();
    }

    /// <summary>(B, 2, H, W, C) uint8 frame pairs -> (B, A) logits.</summary>
    public override Tensor forward(Tensor pairs)
    {
        var x = pairs.to(ScalarType.Float32).div(255f).permute(0, 1, 4, 2, 3);   // (B, 2, C, H, W)
        var before = x.select(1, 0);                                               // (B, C, H, W)
        var after = x.select(1, 1);                                                // (B, C, H, W)
        var input = cat([before, after, after - before], 1);                       // (B, 3C, H, W)
        return classifier.forward(features.forward(input));                        // (B, A)
    }
}
