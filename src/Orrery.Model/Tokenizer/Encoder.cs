using Orrery.Model.Configs;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Tokenizer;

/// <summary>Frame (B, C_img, H, W) in [0,1] -> latent (B, C, H/8, W/8) bounded in (-1, 1) by tanh.</summary>
public sealed class Encoder : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public Encoder(TokenizerConfig cfg, int imageChannels) : base(nameof(Encoder))
    {
        var ch = StageChannels(cfg);
        var list = new List<(string, Module<Tensor, Tensor>)> { ("in", Conv2d(imageChannels, ch[0], 3, padding: 1)) };
        for (var s = 0; s < 3; s++)
        {
            for (var r = 0; r < cfg.ResBlocks; r++) list.Add(($"s{s}r{r}", new ResBlock(ch[s], cfg.Groups)));
            list.Add(($"down{s}", Conv2d(ch[s], ch[Math.Min(s + 1, 2)], 3, stride: 2, padding: 1)));   // H -> H/2
        }
        list.Add(("mid", new ResBlock(ch[2], cfg.Groups)));
        list.Add(("norm", Norms.Group(cfg.Groups, ch[2])));
        list.Add(("act", SiLU()));
        list.Add(("out", Conv2d(ch[2], cfg.LatentChannels, 1)));
        list.Add(("bound", Tanh()));
        layers = Sequential(list);
        RegisterComponents();
    }

    /// <summary>Channels of the three stages: base x (1, 2, 4).</summary>
    public static long[] StageChannels(TokenizerConfig cfg) => [cfg.BaseChannels, cfg.BaseChannels * 2, cfg.BaseChannels * 4];

    public override Tensor forward(Tensor frames) => layers.forward(frames);   // (B, C_img, H, W) -> (B, C, H/8, W/8)
}
