using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Streams;

namespace Orrery.Evaluation.Baselines;

/// <summary>A baseline's state: the one observation it keeps answering, and how far the rollout has gone.</summary>
internal sealed class FixedFrame(Observation answer, long frameIndex) : SimulatorState
{
    public Observation Answer { get; } = answer;

    public override long FrameIndex => frameIndex;

    /// <summary>One step: the rollout moves on, the answer stays.</summary>
    public Observation Advance()
    {
        frameIndex++;
        return Answer;
    }

    public FixedFrame Clone() => new(Answer, frameIndex);

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(frameIndex);
        w.Write(Answer.Frame.Length);
        w.Write(Answer.Frame);
        w.Write(Answer.Streams.Count);
        foreach (var (name, values) in Answer.Streams.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            w.Write(name);
            w.Write(values.Length);
            foreach (var v in values) w.Write(v);
        }
    }

    public static FixedFrame Read(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var index = r.ReadInt64();
        var frame = r.ReadBytes(r.ReadInt32());
        var streams = new StreamValues();
        for (var count = r.ReadInt32(); count > 0; count--)
        {
            var name = r.ReadString();
            streams[name] = Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadSingle()).ToArray();
        }
        return new FixedFrame(new Observation(frame, streams), index);
    }
}
