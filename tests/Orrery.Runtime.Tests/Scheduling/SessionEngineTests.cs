using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Runtime.Scheduling;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Tests.Scheduling;

public sealed class SessionEngineTests
{
    private static readonly SessionEngineOptions Manual = new() { StartThread = false };
    private static readonly ActionVector Noop = ActionVector.Discrete(0);

    private static SessionEngine Engine(TimeProvider time, SessionEngineOptions? options = null) => new(new EnvironmentContext(), options ?? Manual, time);

    [Fact]
    public async Task Noop_is_applied_when_no_action_was_sent()
    {
        var time = new ManualTime();
        var simulator = new RecordingSimulator();
        using var engine = Engine(time);
        var session = await engine.Start(simulator, RecordingSimulator.Start());
        for (var i = 0; i < 5; i++)
        {
            time.AdvanceFrames(1);
            engine.Pump();
        }
        Assert.Equal(5, simulator.Calls.Count);
        Assert.All(simulator.Calls, c => Assert.Equal([Noop], c));
        Assert.Equal(5, session.FrameIndex);
    }

    [Fact]
    public async Task Latest_action_within_a_tick_wins_and_stays_latched()
    {
        var time = new ManualTime();
        using var engine = Engine(time);
        var session = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start());
        session.SetAction(ActionVector.Discrete(1));
        session.SetAction("turn-left");
        time.AdvanceFrames(1);
        engine.Pump();
        time.AdvanceFrames(1);
        engine.Pump();
        Assert.Equal([ActionVector.Discrete(3), ActionVector.Discrete(3)], session.TickActions());
        Assert.Equal([ActionVector.Discrete(1), ActionVector.Discrete(3)], session.ActionEvents().Select(e => e.Action));
        Assert.Equal(["forward", "turn-left"], session.ActionEvents().Select(e => e.Name));
    }

    [Fact]
    public async Task Unknown_actions_are_refused_with_the_valid_names()
    {
        using var engine = Engine(new ManualTime());
        var session = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start());
        var e = Assert.Throws<OrreryException>(() => session.SetAction("jump"));
        Assert.Contains("turn-left", e.Message);
        Assert.Throws<OrreryException>(() => session.SetAction(ActionVector.Discrete(99)));
        Assert.Throws<OrreryException>(() => session.SetAction(ActionVector.Continuous(1, 1)));
        Assert.Throws<OrreryException>(() => session.SetAction(ActionVector.Unknown));
        Assert.Equal(Noop, session.LatestAction);
    }

    /// <summary>A box session latches continuous actions; every action outside the box is refused (not clipped) and the latched one stays.</summary>
    [Fact]
    public async Task A_box_session_latches_continuous_actions_and_refuses_bad_ones()
    {
        var time = new ManualTime();
        var simulator = new RecordingSimulator(new BoxActionSpace(["shoulder", "elbow"], [-1, -1], [1, 1]));
        using var engine = Engine(time);
        var session = await engine.Start(simulator, RecordingSimulator.Start());
        Assert.Equal(ActionVector.Continuous(0, 0), session.LatestAction);   // the box's no-op: zero torques
        session.SetAction(ActionVector.Continuous(0.3f, -0.7f));
        foreach (var bad in new[] { ActionVector.Continuous(0.3f), ActionVector.Continuous(0.3f, -0.7f, 0), ActionVector.Continuous(float.NaN, 0),
                                    ActionVector.Continuous(float.PositiveInfinity, 0), ActionVector.Continuous(0, -1.5f), ActionVector.Discrete(1) })
            Assert.Throws<OrreryException>(() => session.SetAction(bad));
        Assert.Contains("outside [-1, 1]", Assert.Throws<OrreryException>(() => session.SetAction("1.01,0")).Message);
        Assert.Contains("not a number", Assert.Throws<OrreryException>(() => session.SetAction("forward")).Message);
        time.AdvanceFrames(1);
        engine.Pump();
        session.SetAction("-1, 1");
        time.AdvanceFrames(1);
        engine.Pump();
        Assert.Equal([ActionVector.Continuous(0.3f, -0.7f), ActionVector.Continuous(-1, 1)], session.TickActions());
        Assert.Equal([[ActionVector.Continuous(0.3f, -0.7f)], [ActionVector.Continuous(-1, 1)]], simulator.Calls);
    }

    [Fact]
    public async Task Each_frame_carries_the_streams_its_step_returned()
    {
        var time = new ManualTime();
        using var engine = Engine(time);
        var session = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start());
        using var feed = session.Subscribe(capacity: 8);
        for (var i = 0; i < 3; i++)
        {
            time.AdvanceFrames(1);
            engine.Pump();
        }
        var frames = new List<FramePacket>();
        while (feed.Reader.TryRead(out var f)) frames.Add(f);
        Assert.Equal([0L, 1, 2, 3], frames.Select(f => f.FrameIndex));
        Assert.Empty(frames[0].Streams);   // a start image has no streams
        Assert.All(frames.Skip(1), f => Assert.Equal([f.FrameIndex], f.Streams[RecordingSimulator.Counter.Name]));
        Assert.Equal([ActionVector.Unknown, Noop, Noop, Noop], frames.Select(f => f.Action));
    }

    [Fact]
    public async Task Due_sessions_of_one_simulator_are_stepped_in_one_batch()
    {
        var time = new ManualTime();
        var simulator = new RecordingSimulator();
        using var engine = Engine(time);
        var a = await engine.Start(simulator, RecordingSimulator.Start(seed: 1));
        var b = await engine.Start(simulator, RecordingSimulator.Start(seed: 2));
        var c = await engine.Start(simulator, RecordingSimulator.Start(seed: 3));
        b.SetAction(ActionVector.Discrete(2));
        time.AdvanceFrames(1);
        Assert.Equal(3, engine.Pump());
        Assert.Single(simulator.Calls);
        Assert.Equal([Noop, ActionVector.Discrete(2), Noop], simulator.Calls[0]);
        Assert.Equal(0, engine.Pump());   // nothing due until the clock moves: no tick is run twice
        Assert.All(new[] { a, b, c }, s => Assert.Equal(1, s.FrameIndex));
    }

    [Fact]
    public async Task Overload_skips_ticks_instead_of_queueing_them()
    {
        var time = new ManualTime();
        var simulator = new RecordingSimulator();
        using var engine = Engine(time);
        var session = await engine.Start(simulator, RecordingSimulator.Start());
        using var slowReader = session.Subscribe(capacity: 3);
        for (var i = 0; i < 50; i++)
        {
            time.AdvanceFrames(10);   // the engine is 10 frames late at every pass
            Assert.Equal(1, engine.Pump());
            Assert.True(slowReader.Reader.Count <= 3, $"subscriber queue grew to {slowReader.Reader.Count}");
        }
        Assert.Equal(50, session.FrameIndex);
        Assert.Equal(50 * 10 - 50 - 1, session.SkippedTicks);   // 500 ticks have passed: 50 stepped, 1 due now, the rest skipped
        Assert.Equal(50, simulator.Calls.Count);
        Assert.Equal(0, engine.Stats.PendingWork);
        Assert.True(slowReader.Reader.TryRead(out var oldest));
        Assert.Equal(48, oldest.FrameIndex);   // DropOldest: the 3 newest frames are what a slow reader gets
    }

    [Fact]
    public async Task A_tick_missed_by_a_little_runs_at_once_and_only_older_ones_are_skipped()
    {
        var time = new ManualTime();
        var simulator = new RecordingSimulator();
        using var engine = Engine(time);
        var session = await engine.Start(simulator, RecordingSimulator.Start());
        time.AdvanceFrames(2.1);   // ticks 1 and 2 are due: both run, one per pass
        Assert.Equal(1, engine.Pump());
        Assert.Equal(1, engine.Pump());
        Assert.Equal(0, engine.Pump());
        Assert.Equal((2, 0L), (session.FrameIndex, session.SkippedTicks));
        time.AdvanceFrames(5.5);   // ticks 3 to 7 are due: 3 and 7 run, 4 to 6 are skipped
        Assert.Equal(1, engine.Pump());
        Assert.Equal(1, engine.Pump());
        Assert.Equal(0, engine.Pump());
        Assert.Equal((4, 3L), (session.FrameIndex, session.SkippedTicks));
    }

    [Fact]
    public async Task Removed_session_stops_and_completes_its_feeds()
    {
        var time = new ManualTime();
        using var engine = Engine(time);
        var session = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start());
        using var feed = session.Subscribe();
        Assert.True(await engine.Remove(session));
        time.AdvanceFrames(1);
        Assert.Equal(0, engine.Pump());
        Assert.True(session.Closed);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var left = 0;
        await foreach (var _ in feed.Reader.ReadAllAsync(cts.Token)) left++;   // ends instead of hanging
        Assert.Equal(1, left);
        Assert.Empty(engine.Sessions);
    }

    [Fact]
    public async Task A_failing_simulator_ends_its_sessions_with_the_reason()
    {
        var time = new ManualTime();
        using var engine = Engine(time);
        var session = await engine.Start(new ThrowingSimulator(), RecordingSimulator.Start());
        time.AdvanceFrames(1);
        engine.Pump();
        Assert.True(session.Closed);
        Assert.Contains("boom", session.Failure);
    }

    [Fact]
    public async Task The_inference_thread_advances_sessions_by_itself()
    {
        using var engine = Engine(TimeProvider.System, new SessionEngineOptions { StartThread = true });
        var session = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start(), new SessionOptions { Fps = 200 });
        using var feed = session.Subscribe(capacity: 64);
        var seen = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var frame in feed.Reader.ReadAllAsync(cts.Token))
            if (++seen >= 5) break;
        Assert.True(session.FrameIndex >= 4);
    }

    private sealed class ThrowingSimulator : ISimulator
    {
        private readonly RecordingSimulator inner = new();

        public string Name => "throwing";

        public string IdentityHash => inner.IdentityHash;

        public WorldSpec World => inner.World;

        public int ContextFrames => inner.ContextFrames;

        public SimulatorState Begin(SimulatorStart start) => inner.Begin(start);

        public IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions) => throw new InvalidOperationException("boom");

        public SimulatorState Fork(SimulatorState state) => inner.Fork(state);

        public void Save(SimulatorState state, Stream stream) => inner.Save(state, stream);

        public SimulatorState Restore(Stream stream) => inner.Restore(stream);

        public void Dispose() { }
    }
}
