namespace Orrery.Training.Sampling;

/// <summary>Recorded actions as the dynamics takes them: the one place a recorded -1 (no or unknown action) becomes the model's null action.</summary>
public static class ModelActions
{
    /// <summary>
    /// Fills destination[t] with the action that produced frame start+t+1 of the episode: frame t of a window is
    /// conditioned on the action that leads to its target.
    /// </summary>
    public static void FillNext(IReadOnlyList<int> recorded, int start, Span<long> destination, int nullAction)
    {
        for (var t = 0; t < destination.Length; t++)
        {
            var action = recorded[start + t + 1];
            destination[t] = action < 0 ? nullAction : action;
        }
    }
}
