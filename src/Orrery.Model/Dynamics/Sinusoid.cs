using static TorchSharp.torch;

namespace Orrery.Model.Dynamics;

/// <summary>Sinusoidal features of a scalar (noise level or flow time), as in DDPM/DiT timestep embeddings.</summary>
public static class Sinusoid
{
    /// <summary>t (...) -> (..., dim) features of 1000 t.</summary>
    public static Tensor Features(Tensor t, int dim)
    {
        var half = dim / 2;
        var freqs = exp(arange(0, half, dtype: ScalarType.Float32, device: t.device).mul(-Math.Log(10000) / half));   // (dim/2)
        var args = t.to(ScalarType.Float32).mul(1000).unsqueeze(-1) * freqs;                                         // (..., dim/2)
        return cat([args.cos(), args.sin()], -1).to(t.dtype);                                                        // (..., dim)
    }
}
