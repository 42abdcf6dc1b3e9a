namespace Orrery.Environments;

/// <summary>
/// A tiny seeded PRNG (SplitMix64, Steele et al. 2014) used by environments and policies instead of
/// System.Random, so that the same seed gives the same numbers on every runtime and platform.
/// </summary>
public struct SplitMix64
{
    private ulong state;

    public SplitMix64(ulong seed) => state = seed;

    /// <summary>Seeds from several integers (e.g. world and episode seed) so that each combination gets its own stream.</summary>
    public static SplitMix64 From(params ReadOnlySpan<long> parts)
    {
        var mix = new SplitMix64(0x5EED_0F0E_EE11UL);
        ulong s = 0;
        foreach (var p in parts)
        {
            mix.state ^= unchecked((ulong)p);
            s = mix.NextUInt64();
        }
        return new SplitMix64(s);
    }

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n); n must be positive.</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 33) % (ulong)n);

    /// <summary>Uniform integer in [lo, hi] inclusive.</summary>
    public int NextInt(int lo, int hi) => lo + NextInt(hi - lo + 1);

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
