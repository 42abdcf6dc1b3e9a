using Orrery.Core.Errors;

namespace Orrery.Data.Import;

/// <summary>
/// How the axes of an imported array are ordered: N episodes, T time, H, W, C channels. Layouts without C are
/// grey-scale (1 channel); THW/THWC hold a single episode.
/// </summary>
public sealed record NpyLayout(string Name)
{
    public static readonly IReadOnlyList<string> Known = ["NTHW", "TNHW", "NTHWC", "NTCHW", "THW", "THWC"];

    public int Rank => Name.Length;

    /// <summary>Parses --layout; an unknown name is an error listing the known ones.</summary>
    public static NpyLayout Parse(string name)
    {
        var upper = name.ToUpperInvariant();
        return Known.Contains(upper) ? new NpyLayout(upper)
            : throw new OrreryException($"unknown --layout '{name}'; expected one of {string.Join(", ", Known)}");
    }

    /// <summary>Episodes, time, height, width, channels read from a shape, which must have this layout's rank.</summary>
    public (int N, int T, int H, int W, int C) Dims(IReadOnlyList<long> shape, string file)
    {
        if (shape.Count != Rank)
            throw new OrreryException($"{file}: shape [{string.Join(",", shape)}] has {shape.Count} axes but layout {Name} needs {Rank}");
        long Axis(char a) => Name.Contains(a) ? shape[Name.IndexOf(a)] : 1;
        var dims = (N: Axis('N'), T: Axis('T'), H: Axis('H'), W: Axis('W'), C: Axis('C'));
        if (dims.C is not (1 or 3 or 4))
            throw new OrreryException($"{file}: layout {Name} puts {dims.C} in the channel axis of [{string.Join(",", shape)}]; expected 1, 3 or 4 channels");
        if (new[] { dims.N, dims.T, dims.H, dims.W }.Any(d => d is <= 0 or > int.MaxValue))
            throw new OrreryException($"{file}: shape [{string.Join(",", shape)}] has an empty or oversized axis for layout {Name}");
        return ((int)dims.N, (int)dims.T, (int)dims.H, (int)dims.W, (int)dims.C);
    }

    /// <summary>Index of frame (n, t) among the array's contiguous frame blocks.</summary>
    public long FrameIndex(int n, int t, int episodes, int steps) => Name.StartsWith("TN", StringComparison.Ordinal) ? (long)t * episodes + n : (long)n * steps + t;

    /// <summary>Whether each frame block is stored channel-first (C,H,W) and must be interleaved to HWC.</summary>
    public bool ChannelsFirst => Name == "NTCHW";
}
