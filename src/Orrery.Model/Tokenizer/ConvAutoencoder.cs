using Orrery.Core.Spaces;
using Orrery.Model.Configs;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Tokenizer;

/// <summary>
/// The tokenizer: frames to and from grids of latent tokens (one token of C channels per 8x8 pixel patch), continuous
/// or, with tokenizer.levels, quantized to codes of a finite scalar codebook.
/// </summary>
public sealed class ConvAutoencoder : Module<Tensor, Tensor>
{
    private readonly Encoder encoder;
    private readonly Decoder decoder;

    public ConvAutoencoder(TokenizerConfig cfg, ObservationSpec spec) : base(nameof(ConvAutoencoder))
    {
        LatentHeight = spec.Height / 8;
        LatentWidth = spec.Width / 8;
        encoder = new Encoder(cfg, spec.Channels);
        decoder = new Decoder(cfg, spec.Channels);
        Quantizer = cfg.Levels is { } levels ? new ScalarQuantizer(levels) : null;
        RegisterComponents();
    }

    public int LatentHeight { get; }

    public int LatentWidth { get; }

    /// <summary>Tokens per frame, N = (H/8)(W/8).</summary>
    public int TokensPerFrame => LatentHeight * LatentWidth;

    /// <summary>The codebook of quantized tokens, or null for continuous ones.</summary>
    public ScalarQuantizer? Quantizer { get; }

    /// <summary>Frames (B, C_img, H, W) in [0,1] -> tokens (B, N, C), quantized when the tokenizer has levels.</summary>
    public Tensor Encode(Tensor frames) => Bottleneck(encoder.forward(frames).flatten(2).transpose(1, 2));   // (B, C, h, w) -> (B, N, C)

    /// <summary>Tokens (B, N, C) -> frames (B, C_img, H, W) in [0,1].</summary>
    public Tensor Decode(Tensor tokens)
    {
        var grid = tokens.transpose(1, 2).reshape(tokens.shape[0], tokens.shape[2], LatentHeight, LatentWidth);   // (B, C, h, w)
        return decoder.forward(grid);
    }

    public override Tensor forward(Tensor frames) => Decode(Encode(frames));   // reconstruction

    private Tensor Bottleneck(Tensor tokens) => Quantizer?.Quantize(tokens) ?? tokens;   // (B, N, C)
}
