using Orrery.Model.Configs;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Tokenizer;

/// <summary>Latent (B, C, h, w) -> frame (B, C_img, 8h, 8w) in [0,1]: the encoder mirrored, nearest upsampling + conv.</summary>
public sealed class Decoder : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public Decoder(TokenizerConfig cfg, int imageChannels) : base(nameof(Decoder))
    {
        var ch = Encoder.StageChannels(cfg);
        var list = new List<(string, Module<Tensor, Tensor>)>
        {
            ("in", Conv2d(cfg.LatentChannels, ch[2], 3, padding: 1)),
            ("mid", new ResBlock(ch[2], cfg.Groups)),
        };
        for (var s = 2; s >= 0; s--)
        {
            list.Add(($"up{s}", Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)));   // h -> 2h
            list.Add(($"conv{s}", Conv2d(ch[Math.Min(s + 1, 2)], ch[s], 3, padding: 1)));
            for (var r = 0; r < cfg.ResBlocks; r++) list.Add(($"s{s}r{r}", new ResBlock(ch[s], cfg.Groups)));
        }
        list.Add(("norm", Norms.Group(cfg.Groups, ch[0])));
        list.Add(("act", SiLU()));
        list.Add(("out", Conv2d(ch[0], imageChannels, 3, padding: 1)));
        list.Add(("range", Sigmoid()));
        layers = Sequential(list);
        RegisterComponents();
    }

    public override Tensor forward(Tensor latent) => layers.forward(latent);   // (B, C, h, w) -> (B, C_img, 8h, 8w)
}
