using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// Baseline: the same model, but every action after the context is replaced by the null action (-1). The gap between
/// the model and this row is what the model learned from the actions.
/// </summary>
public sealed class NullActionPredictor(IFramePredictor inner) : IFramePredictor
{
    /// <summary>The index that means "no action" in datasets and in WorldModel.Step.</summary>
    public const int NullAction = -1;

    public string Name => "null-action";

    public ObservationSpec Spec => inner.Spec;

    public PredictorState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed) =>
        inner.Begin(contextFrames, contextActions, seed);

    public IReadOnlyList<byte[]> Step(IReadOnlyList<PredictorState> states, IReadOnlyList<int> actions) =>
        inner.Step(states, Enumerable.Repeat(NullAction, actions.Count).ToArray());

    public IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions) =>
        inner.TeacherForced(frames, Enumerable.Repeat(NullAction, actions.Count).ToArray());
}
