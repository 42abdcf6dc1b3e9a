using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// Anything the protocols can score side by side: the world model, or a baseline. It takes C real frames and their
/// actions, then predicts one frame per action, for several rollouts batched together.
/// </summary>
public interface IFramePredictor
{
    /// <summary>Name in tables and JSON: "model", "copy-last", "mean-frame", "null-action".</summary>
    string Name { get; }

    ObservationSpec Spec { get; }

    /// <summary>Starts a rollout from real context frames (HWC uint8) and the actions that produced them (actions[0] = -1).</summary>
    PredictorState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed);

    /// <summary>Advances each rollout by one action (-1 = null action) and returns each one's new frame, in order.</summary>
    IReadOnlyList<byte[]> Step(IReadOnlyList<PredictorState> states, IReadOnlyList<int> actions);

    /// <summary>Next-frame predictions from real frames: result[i] predicts frames[frames.Count - result.Count + i].</summary>
    IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions);
}

/// <summary>One rollout's state inside a predictor; each predictor keeps its own subclass. Dispose it when done.</summary>
public abstract class PredictorState : IDisposable
{
    /// <summary>Frees native memory held by the state (a model's key/value cache); nothing for baselines.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
