using static TorchSharp.torch;

namespace Orrery.Model.Tokenizer;

/// <summary>
/// Finite scalar quantization (Mentzer et al. 2023, "FSQ"): each latent channel, already bounded in (-1, 1) by the
/// encoder's tanh, snaps to one of Levels[c] evenly spaced values, with a straight-through gradient. A token is then
/// one code of a product codebook of prod(Levels) entries, so a categorical head can predict it and whatever it
/// predicts is a latent the decoder was trained on: no average of two futures, hence no blur.
/// </summary>
public sealed class ScalarQuantizer
{
    private readonly long[] levels;
    private readonly long[] radix;   // mixed-radix place value of each channel in the code index

    public ScalarQuantizer(IReadOnlyList<int> levels)
    {
        this.levels = levels.Select(l => (long)l).ToArray();
        radix = new long[this.levels.Length];
        long place = 1;
        for (var c = 0; c < radix.Length; c++)
        {
            radix[c] = place;
            place *= this.levels[c];
        }
        CodebookSize = place;
    }

    /// <summary>Entries of the product codebook, prod(Levels).</summary>
    public long CodebookSize { get; }

    /// <summary>Latent (..., C) in (-1, 1) -> the nearest grid values (..., C); the gradient passes straight through.</summary>
    public Tensor Quantize(Tensor latent)
    {
        var snapped = GridValues(Steps(latent.detach())).to(latent.dtype);
        return latent + (snapped - latent).detach();
    }

    /// <summary>Grid values (..., C) -> code indices (...) in [0, CodebookSize).</summary>
    public Tensor Indices(Tensor values) => (Steps(values) * Radix(values.device)).sum(-1);

    /// <summary>Code indices (...) -> grid values (..., C) in dtype.</summary>
    public Tensor Values(Tensor indices, ScalarType dtype) => GridValues(indices.unsqueeze(-1).div(Radix(indices.device), rounding_mode: RoundingMode.floor).remainder(Levels(indices.device))).to(dtype);

    /// <summary>Per-channel step (..., C) int64 in [0, L-1] of values in [-1, 1].</summary>
    private Tensor Steps(Tensor values)
    {
        var top = Levels(values.device) - 1;                                          // (C)
        return ((values.to(ScalarType.Float32) + 1) * 0.5 * top).round().to(ScalarType.Int64).clamp_min(0).minimum(top);
    }

    /// <summary>Per-channel steps (..., C) -> values in [-1, 1], float32.</summary>
    private Tensor GridValues(Tensor steps) => steps.to(ScalarType.Float32) / (Levels(steps.device) - 1).to(ScalarType.Float32) * 2 - 1;

    private Tensor Levels(TorchSharp.torch.Device device) => tensor(levels, device: device);

    private Tensor Radix(TorchSharp.torch.Device device) => tensor(radix, device: device);
}
