using Orrery.Core.Spaces;
using static TorchSharp.torch;

namespace Orrery.Model.Dynamics;

/// <summary>
/// The one place where actions become the tensor an action encoder takes: int64 indices for a discrete space (unknown
/// is index Count, the embedding's last row), float32 rows for a box (unknown is a row of NaN), int64 zeros (the only,
/// unknown row) for action-free video.
/// </summary>
public static class ActionTensors
{
    /// <summary>actions laid out as <paramref name="shape"/> (e.g. [B, T]) -> (shape) int64 or (shape, A) float32.</summary>
    public static Tensor Of(IReadOnlyList<ActionVector> actions, ActionSpace? space, long[] shape)
    {
        switch (space)
        {
            case BoxActionSpace box:
                return tensor(ActionRows.Pack(actions, box.Dimensions), [.. shape, box.Dimensions]);    // (..., A)
            case DiscreteActionSpace discrete:
                return tensor(actions.Select(a => a.IsUnknown ? discrete.Count : (long)a.Index).ToArray(), shape);   // (...)
            default:
                return zeros(shape, dtype: ScalarType.Int64);                                                   // (...)
        }
    }
}
