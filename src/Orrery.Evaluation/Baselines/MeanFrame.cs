using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Evaluation.Baselines;

/// <summary>
/// Baseline: the future is the per-pixel mean of the context frames (rounded to nearest), with no streams. It scores
/// what a model that learned only "the average look of this place" would score.
/// </summary>
public sealed class MeanFrame(WorldSpec world) : FixedFrameBaseline(world)
{
    public override string Name => "mean-frame";

    protected override Observation Answer(SimulatorStart start) => new(Mean(start.Context.Select(o => o.Frame).ToArray()), StreamValues.Empty);

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
