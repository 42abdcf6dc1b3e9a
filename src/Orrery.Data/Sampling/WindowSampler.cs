namespace Orrery.Data.Sampling;

/// <summary>
/// Windows of a fixed length over a list of episodes: every valid (episode, start) position has one flat index, in
/// episode then start order, and a draw picks one uniformly. Episodes shorter than the window have no position.
/// </summary>
public sealed class WindowSampler
{
    private readonly long[] cumulative;   // positions in eligible episodes 0..i
    private readonly int[] episodes;      // index of each eligible episode

    public WindowSampler(IReadOnlyList<int> episodeLengths, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Length = length;
        var eligible = Enumerable.Range(0, episodeLengths.Count).Where(e => episodeLengths[e] >= length).ToArray();
        episodes = eligible;
        cumulative = new long[eligible.Length];
        long total = 0;
        for (var i = 0; i < eligible.Length; i++) cumulative[i] = total += episodeLengths[eligible[i]] - length + 1;
    }

    /// <summary>Frames per window.</summary>
    public int Length { get; }

    /// <summary>Valid window positions over all episodes; 0 when no episode is long enough.</summary>
    public long Count => cumulative.Length == 0 ? 0 : cumulative[^1];

    /// <summary>The window at a flat index in 0..Count-1.</summary>
    public (int Episode, int Start) At(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var slot = Array.BinarySearch(cumulative, index + 1);
        if (slot < 0) slot = ~slot;
        return (episodes[slot], (int)(index - (slot == 0 ? 0 : cumulative[slot - 1])));
    }

    /// <summary>A window drawn uniformly over every position; deterministic given the Random's state.</summary>
    public (int Episode, int Start) Sample(Random rng) => At(rng.NextInt64(Count));

    /// <summary>The i-th of n windows spread evenly over every position (for validation sets that do not change).</summary>
    public (int Episode, int Start) Spread(int i, int n) => At(Count * i / n);
}
