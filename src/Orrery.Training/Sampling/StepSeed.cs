namespace Orrery.Training.Sampling;

/// <summary>
/// Every random draw of a run is a pure function of (seed, stream, step), so a resumed run draws what a straight one
/// would: the step is the data position and the random state.
/// </summary>
public static class StepSeed
{
    /// <summary>SplitMix64's finaliser of seed, stream and step.</summary>
    public static ulong Of(int seed, int stream, long step)
    {
        var z = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xBF58476D1CE4E5B9UL ^ (ulong)step * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A System.Random for one stream of one step (window and frame picks).</summary>
    public static Random Random(int seed, int stream, long step) => new((int)(Of(seed, stream, step) & 0x7FFFFFFF));
}
