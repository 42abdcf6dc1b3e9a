using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// Baseline: the future is the per-pixel mean of the C context frames (rounded to nearest). It scores what a model
/// that learned only "the average look of this place" would score.
/// </summary>
public sealed class MeanFrame(ObservationSpec spec) : IFramePredictor
{
    public string Name => "mean-frame";

    public ObservationSpec Spec => spec;

    public PredictorState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed) =>
        new FixedFrame(Mean(contextFrames));

    public IReadOnlyList<byte[]> Step(IReadOnlyList<PredictorState> states, IReadOnlyList<int> actions) =>
        states.Select(s => ((FixedFrame)s).Frame).ToArray();

    /// <summary>Frame t+1 is predicted as the mean of all real frames up to t.</summary>
    public IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions) =>
        Enumerable.Range(1, frames.Count - 1).Select(t => Mean(frames.Take(t).ToArray())).ToArray();

    /// <summary>Per-value mean of frames, rounded half away from zero.</summary>
    public static byte[] Mean(IReadOnlyList<byte[]> frames)
    {
        var sum = new long[frames[0].Length];
        foreach (var f in frames)
            for (var i = 0; i < sum.Length; i++) sum[i] += f[i];
        var mean = new byte[sum.Length];
        for (var i = 0; i < sum.Length; i++) mean[i] = (byte)((sum[i] * 2 + frames.Count) / (2L * frames.Count));
        return mean;
    }
}
