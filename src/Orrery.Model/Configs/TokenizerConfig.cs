using System.Text.Json.Serialization;

namespace Orrery.Model.Configs;

/// <summary>
/// The convolutional autoencoder: a HxWxC_img frame becomes an (H/8)x(W/8)xLatentChannels latent through
/// three stride-2 stages with BaseChannels x (1, 2, 4) channels.
/// </summary>
public sealed record TokenizerConfig
{
    /// <summary>Channels of the latent grid (one token per latent pixel). Default 16.</summary>
    public int LatentChannels { get; init; } = 16;

    /// <summary>Channels of the full-resolution stage; the next two stages use 2x and 4x. Default 32.</summary>
    public int BaseChannels { get; init; } = 32;

    /// <summary>Residual blocks per stage. Default 1.</summary>
    public int ResBlocks { get; init; } = 1;

    /// <summary>GroupNorm groups (must divide BaseChannels). Default 8.</summary>
    public int Groups { get; init; } = 8;

    /// <summary>
    /// Finite scalar quantization: the number of values each latent channel snaps to (one entry per channel, so its
    /// length must equal LatentChannels; each at least 2), e.g. [8, 5, 5, 5], a codebook of 1,000 codes per token.
    /// Default null: continuous latents (maze-v1).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]   // continuous manifests (maze-v1) read back unchanged
    public IReadOnlyList<int>? Levels { get; init; }
}
