using Orrery.Core.Spaces;

namespace Orrery.Data.Format;

/// <summary>
/// How actions are stored in an episode's actions.npy: a discrete space as int32 [T] indices with -1 for unknown
/// (the version 1 layout, unchanged); a box as float32 [T, D] with a row of NaN for unknown.
/// </summary>
public static class ActionFiles
{
    /// <summary>int32 indices (-1 = unknown) -> actions.</summary>
    public static ActionVector[] FromIndices(int[] indices) =>
        indices.Select(i => i < 0 ? ActionVector.Unknown : ActionVector.Discrete(i)).ToArray();

    /// <summary>Actions -> int32 indices (-1 = unknown).</summary>
    public static int[] ToIndices(IReadOnlyList<ActionVector> actions) => actions.Select(a => a.Index).ToArray();

    /// <summary>float32 rows of <paramref name="dimensions"/> (NaN rows = unknown) -> actions.</summary>
    public static ActionVector[] FromBox(float[] values, int dimensions)
    {
        var result = new ActionVector[values.Length / dimensions];
        for (var t = 0; t < result.Length; t++)
        {
            var row = values.AsSpan(t * dimensions, dimensions);
            result[t] = float.IsNaN(row[0]) ? ActionVector.Unknown : ActionVector.Continuous(row);
        }
        return result;
    }

    /// <summary>Actions -> float32 rows of <paramref name="dimensions"/> (NaN rows = unknown).</summary>
    public static float[] ToBox(IReadOnlyList<ActionVector> actions, int dimensions)
    {
        var values = new float[actions.Count * dimensions];
        for (var t = 0; t < actions.Count; t++)
        {
            var row = values.AsSpan(t * dimensions, dimensions);
            if (actions[t].IsUnknown) row.Fill(float.NaN);
            else actions[t].Values.CopyTo(row);
        }
        return values;
    }
}
