using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Evaluation.Tests.TestWorlds;

/// <summary>
/// A perfect simulator of <see cref="ShiftingTexture"/>: from the last context observation it applies each action's
/// scroll. Given the right actions in the right order it reproduces the truth bit for bit; a dropped or shifted action
/// shows at once.
/// </summary>
public sealed class ShiftingTextureSimulator : ISimulator
{
    public string Name => "model";

    public string IdentityHash => "shifting-texture-simulator";

    public WorldSpec World => ShiftingTexture.World;

    public int ContextFrames => 1;

    public SimulatorState Begin(SimulatorStart start) =>
        new State(start.Context[^1].Frame, start.Context[^1].Streams[StreamNames.State], start.Context.Count - 1);

    public IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions) =>
        states.Select((s, i) => ((State)s).Advance(actions[i])).ToArray();

    public SimulatorState Fork(SimulatorState state)
    {
        var s = (State)state;
        return new State(s.Frame, s.Offset, s.FrameIndex);
    }

    public void Save(SimulatorState state, Stream stream)
    {
        var s = (State)state;
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(s.FrameIndex);
        w.Write(s.Frame);
        w.Write(s.Offset[0]);
        w.Write(s.Offset[1]);
    }

    public SimulatorState Restore(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var index = r.ReadInt64();
        var frame = r.ReadBytes(ShiftingTexture.World.Observation.FrameBytes);
        return new State(frame, [r.ReadSingle(), r.ReadSingle()], index);
    }

    public void Dispose() { }

    private sealed class State(byte[] frame, float[] offset, long index) : SimulatorState
    {
        public byte[] Frame { get; private set; } = frame;

        public float[] Offset { get; private set; } = offset;

        public override long FrameIndex => index;

        public Observation Advance(ActionVector action)
        {
            (Frame, Offset) = ShiftingTexture.Shift(Frame, Offset, action);
            index++;
            return new Observation(Frame, new StreamValues { [StreamNames.State] = Offset.ToArray() });
        }
    }
}
