using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orrery.Model;

/// <summary>
/// Normalisation layers with explicit unit/zero affine init: TorchSharp 0.107 leaves GroupNorm's affine parameters
/// uninitialised (values up to 1e31 observed), which turns the first forward pass into NaN. LayerNorm is fine; it is
/// reset too so that both kinds are built the same way.
/// </summary>
public static class Norms
{
    public static GroupNorm Group(long groups, long channels)
    {
        var norm = nn.GroupNorm(groups, channels);
        Reset(norm.weight, norm.bias);
        return norm;
    }

    public static LayerNorm Layer(long width)
    {
        var norm = nn.LayerNorm(width);
        Reset(norm.weight, norm.bias);
        return norm;
    }

    private static void Reset(Tensor? weight, Tensor? bias)
    {
        using var noGrad = no_grad();
        if (weight is not null) nn.init.ones_(weight);
        if (bias is not null) nn.init.zeros_(bias);
    }
}
