using Orrery.Core.Spaces;
using Orrery.Runtime.Backends;

namespace Orrery.Runtime.Tests;

/// <summary>A tiny deterministic backend that remembers every Step call (batch sizes and actions).</summary>
public sealed class RecordingBackend : IWorldBackend
{
    public List<int[]> Calls { get; } = [];

    public string Name => "recording";

    public string IdentityHash => "fake-identity-0000";

    public ObservationSpec Spec { get; } = new(2, 2, 3);

    public IReadOnlyList<string> ActionNames { get; } = ["noop", "forward", "back", "turn-left"];

    public int Fps => 24;

    public BackendStart Begin(SessionStart start) => new(new CounterState(start.Seed), new byte[12]);

    public IReadOnlyList<byte[]> Step(IReadOnlyList<BackendState> states, IReadOnlyList<int> actions)
    {
        Calls.Add(actions.ToArray());
        return states.Select((s, i) =>
        {
            var c = (CounterState)s;
            c.Value = c.Value * 31 + actions[i] + 1;
            c.Frames++;
            return Enumerable.Repeat((byte)c.Value, 12).ToArray();
        }).ToArray();
    }

    public BackendState Clone(BackendState state) => new CounterState(((CounterState)state).Value) { Frames = state.FrameIndex };

    public void Save(BackendState state, Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(((CounterState)state).Value);
        w.Write(state.FrameIndex);
    }

    public BackendState Load(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        return new CounterState(r.ReadInt64()) { Frames = r.ReadInt64() };
    }

    public void Dispose() { }

    private sealed class CounterState(long value) : BackendState
    {
        public long Value { get; set; } = value;

        public long Frames { get; set; }

        public override long FrameIndex => Frames;
    }
}
