using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>Baseline: the future is the last context frame, forever. Perfect on a static scene.</summary>
public sealed class CopyLastFrame(ObservationSpec spec) : IFramePredictor
{
    public string Name => "copy-last";

    public ObservationSpec Spec => spec;

    public PredictorState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed) =>
        new FixedFrame(contextFrames[^1]);

    public IReadOnlyList<byte[]> Step(IReadOnlyList<PredictorState> states, IReadOnlyList<int> actions) =>
        states.Select(s => ((FixedFrame)s).Frame).ToArray();

    public IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions) =>
        frames.Take(frames.Count - 1).ToArray();
}

/// <summary>A baseline's state: the one frame it keeps answering.</summary>
internal sealed class FixedFrame(byte[] frame) : PredictorState
{
    public byte[] Frame { get; } = frame;
}
