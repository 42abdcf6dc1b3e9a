using Orrery.Model;
using static TorchSharp.torch;

namespace Orrery.Runtime.Tests;

/// <summary>
/// Overwrites every parameter of a network from a seeded generator, scaled by its fan-in (norms' gains stay near one).
/// A fresh network's adaLN-Zero blocks are the identity, so there actions and the key/value cache change nothing; with
/// these weights both matter, and a test that loses either fails. Also compiled into the server tests.
/// </summary>
public static class RandomWeights
{
    public static void Fill(WorldModelNetwork network, ulong seed)
    {
        using var noGrad = no_grad();
        using var generator = new Generator(seed);
        foreach (var (name, p) in network.named_parameters())
        {
            using var noise = randn(p.shape, generator: generator);
            if (p.dim() > 1) p.copy_(noise / Math.Sqrt(p.numel() / p.shape[0]));
            else p.copy_(noise * 0.1 + (name.EndsWith(".weight", StringComparison.Ordinal) ? 1 : 0));
        }
    }
}
