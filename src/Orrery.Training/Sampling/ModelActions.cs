using Orrery.Core.Spaces;

namespace Orrery.Training.Sampling;

/// <summary>Recorded actions as the dynamics is conditioned on them (the tensor itself is made by ActionTensors, the one conversion).</summary>
public static class ModelActions
{
    /// <summary>
    /// Fills destination[t] with the action that produced frame start+t+1 of the episode: frame t of a window is
    /// conditioned on the action that leads to its target.
    /// </summary>
    public static void FillNext(IReadOnlyList<ActionVector> recorded, int start, Span<ActionVector> destination)
    {
        for (var t = 0; t < destination.Length; t++) destination[t] = recorded[start + t + 1];
    }
}
