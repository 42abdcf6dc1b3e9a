using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Tests;

/// <summary>
/// A tiny deterministic simulator that remembers every Step call (batch sizes and actions). Its world names no
/// environment, so its sessions begin from a start image (<see cref="Start"/>); each frame carries a stream
/// (<see cref="Counter"/>) holding the frame's index, so tests can see streams travel with frames.
/// </summary>
public sealed class RecordingSimulator(ActionSpace? actions = null) : ISimulator
{
    /// <summary>The discrete space used unless another is given: index 0 is the no-op.</summary>
    public static DiscreteActionSpace Discrete { get; } = new(["noop", "forward", "back", "turn-left"]);

    /// <summary>The one stream: the frame's index.</summary>
    public static StreamSpec Counter { get; } = new("counter", ["index"], "frames", "the frame's index, for tests");

    public List<ActionVector[]> Calls { get; } = [];

    public string Name => "recording";

    public string IdentityHash => "fake-identity-0000";

    public WorldSpec World { get; } = new() { Observation = new ObservationSpec(2, 2, 3), Actions = actions ?? Discrete, Streams = [Counter] };

    public int ContextFrames => 1;

    /// <summary>A session start for this simulator: a blank start image, and the seed its counter begins at.</summary>
    public static SessionStart Start(int seed = 0) => new(Seed: seed, StartImage: new byte[12]);

    public SimulatorState Begin(SimulatorStart start) => new CounterState(start.Seed);

    public IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions)
    {
        Calls.Add(actions.ToArray());
        return states.Select((s, i) =>
        {
            var c = (CounterState)s;
            c.Value = c.Value * 31 + (long)actions[i].Values[0] + 1;
            c.Frames++;
            return new Observation(Enumerable.Repeat((byte)c.Value, 12).ToArray(), new StreamValues { [Counter.Name] = [c.Frames] });
        }).ToArray();
    }

    public SimulatorState Fork(SimulatorState state) => new CounterState(((CounterState)state).Value) { Frames = state.FrameIndex };

    public void Save(SimulatorState state, Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(((CounterState)state).Value);
        w.Write(state.FrameIndex);
    }

    public SimulatorState Restore(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        return new CounterState(r.ReadInt64()) { Frames = r.ReadInt64() };
    }

    public void Dispose() { }

    private sealed class CounterState(long value) : SimulatorState
    {
        public long Value { get; set; } = value;

        public long Frames { get; set; }

        public override long FrameIndex => Frames;
    }
}
