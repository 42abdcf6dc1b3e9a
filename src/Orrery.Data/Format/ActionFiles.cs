using Orrery.Core.Spaces;

namespace Orrery.Data.Format;

/// <summary>
/// How actions are stored in an episode's actions.npy: a discrete space as int32 [T] indices with -1 for unknown
/// (the version 1 layout, unchanged); a box as float32 [T, D] rows of <see cref="ActionRows"/> (NaN for unknown).
/// </summary>
public static class ActionFiles
{
    /// <summary>int32 indices (-1 = unknown) -> actions.</summary>
    public static ActionVector[] FromIndices(int[] indices) =>
        indices.Select(i => i < 0 ? ActionVector.Unknown : ActionVector.Discrete(i)).ToArray();

    /// <summary>Actions -> int32 indices (-1 = unknown).</summary>
    public static int[] ToIndices(IReadOnlyList<ActionVector> actions) => actions.Select(a => a.Index).ToArray();
}
