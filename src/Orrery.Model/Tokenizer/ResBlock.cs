using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Tokenizer;

/// <summary>GroupNorm-SiLU-Conv twice, added to the input: the tokenizer's unit of depth.</summary>
public sealed class ResBlock : Module<Tensor, Tensor>
{
    private readonly GroupNorm norm1;
    private readonly Conv2d conv1;
    private readonly GroupNorm norm2;
    private readonly Conv2d conv2;

    public ResBlock(long channels, long groups) : base(nameof(ResBlock))
    {
        norm1 = Norms.Group(groups, channels);
        conv1 = Conv2d(channels, channels, 3, padding: 1);
        norm2 = Norms.Group(groups, channels);
        conv2 = Conv2d(channels, channels, 3, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)                                  // (B, Ch, H, W) -> same
    {
        var h = conv1.forward(functional.silu(norm1.forward(x)));
        h = conv2.forward(functional.silu(norm2.forward(h)));
        return x + h;
    }
}
