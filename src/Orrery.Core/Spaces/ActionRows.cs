namespace Orrery.Core.Spaces;

/// <summary>
/// Continuous actions as flat float rows of a box's dimensions, a row of NaN for Unknown: the layout a dataset's
/// actions.npy holds and the model's box encoder reads.
/// </summary>
public static class ActionRows
{
    /// <summary>Actions -> rows of <paramref name="dimensions"/> floats (NaN rows = unknown).</summary>
    public static float[] Pack(IReadOnlyList<ActionVector> actions, int dimensions)
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

    /// <summary>Rows of <paramref name="dimensions"/> floats (NaN rows = unknown) -> actions.</summary>
    public static ActionVector[] Unpack(float[] values, int dimensions)
    {
        var result = new ActionVector[values.Length / dimensions];
        for (var t = 0; t < result.Length; t++)
        {
            var row = values.AsSpan(t * dimensions, dimensions);
            result[t] = float.IsNaN(row[0]) ? ActionVector.Unknown : ActionVector.Continuous(row);
        }
        return result;
    }
}
