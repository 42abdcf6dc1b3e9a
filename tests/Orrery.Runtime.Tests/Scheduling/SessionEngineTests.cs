using Orrery.Core.Errors;
using Orrery.Runtime.Backends;
using Orrery.Runtime.Scheduling;

namespace Orrery.Runtime.Tests.Scheduling;

public sealed class SessionEngineTests
{
    private static readonly SessionEngineOptions Manual = new() { StartThread = false };

    [Fact]
    public async Task Noop_is_applied_when_no_action_was_sent()
    {
        var time = new ManualTime();
        var backend = new RecordingBackend();
        using var engine = new SessionEngine(Manual, time);
        var session = await engine.Start(backend, new SessionStart());
        for (var i = 0; i < 5; i++)
        {
            time.AdvanceFrames(1);
            engine.Pump();
        }
        Assert.Equal(5, backend.Calls.Count);
        Assert.All(backend.Calls, c => Assert.Equal([0], c));
        Assert.Equal(5, session.FrameIndex);
    }

    [Fact]
    public async Task Latest_action_within_a_tick_wins_and_stays_latched()
    {
        var time = new ManualTime();
        var backend = new RecordingBackend();
        using var engine = new SessionEngine(Manual, time);
        var session = await engine.Start(backend, new SessionStart());
        session.SetAction(1);
        session.SetAction("turn-left");
        time.AdvanceFrames(1);
        engine.Pump();
        time.AdvanceFrames(1);
        engine.Pump();
        Assert.Equal([3, 3], session.TickActions());
        Assert.Equal([1, 3], session.ActionEvents().Select(e => e.Action));
    }

    [Fact]
    public async Task Unknown_actions_are_refused_with_the_valid_names()
    {
        using var engine = new SessionEngine(Manual, new ManualTime());
        var session = await engine.Start(new RecordingBackend(), new SessionStart());
        var e = Assert.Throws<OrreryException>(() => session.SetAction("jump"));
        Assert.Contains("turn-left", e.Message);
        Assert.Throws<OrreryException>(() => session.SetAction(99));
        Assert.Equal(0, session.LatestAction);
    }

    [Fact]
    public async Task Due_sessions_of_one_backend_are_stepped_in_one_batch()
    {
        var time = new ManualTime();
        var backend = new RecordingBackend();
        using var engine = new SessionEngine(Manual, time);
        var a = await engine.Start(backend, new SessionStart(Seed: 1));
        var b = await engine.Start(backend, new SessionStart(Seed: 2));
        var c = await engine.Start(backend, new SessionStart(Seed: 3));
        b.SetAction(2);
        time.AdvanceFrames(1);
        Assert.Equal(3, engine.Pump());
        Assert.Single(backend.Calls);
        Assert.Equal([0, 2, 0], backend.Calls[0]);
        Assert.Equal(0, engine.Pump());   // nothing due until the clock moves: no tick is run twice
        Assert.All(new[] { a, b, c }, s => Assert.Equal(1, s.FrameIndex));
    }

    [Fact]
    public async Task Overload_skips_ticks_instead_of_queueing_them()
    {
        var time = new ManualTime();
        var backend = new RecordingBackend();
        using var engine = new SessionEngine(Manual, time);
        var session = await engine.Start(backend, new SessionStart());
        using var slowReader = session.Subscribe(capacity: 3);
        for (var i = 0; i < 50; i++)
        {
            time.AdvanceFrames(10);   // the engine is 10 frames late at every pass
            Assert.Equal(1, engine.Pump());
            Assert.True(slowReader.Reader.Count <= 3, $"subscriber queue grew to {slowReader.Reader.Count}");
        }
        Assert.Equal(50, session.FrameIndex);
        Assert.Equal(50 * 9, session.SkippedTicks);
        Assert.Equal(50, backend.Calls.Count);
        Assert.Equal(0, engine.Stats.PendingWork);
        Assert.True(slowReader.Reader.TryRead(out var oldest));
        Assert.Equal(48, oldest.FrameIndex);   // DropOldest: the 3 newest frames are what a slow reader gets
    }

    [Fact]
    public async Task Removed_session_stops_and_completes_its_feeds()
    {
        var time = new ManualTime();
        using var engine = new SessionEngine(Manual, time);
        var session = await engine.Start(new RecordingBackend(), new SessionStart());
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
    public async Task A_failing_backend_ends_its_sessions_with_the_reason()
    {
        var time = new ManualTime();
        using var engine = new SessionEngine(Manual, time);
        var session = await engine.Start(new ThrowingBackend(), new SessionStart());
        time.AdvanceFrames(1);
        engine.Pump();
        Assert.True(session.Closed);
        Assert.Contains("boom", session.Failure);
    }

    [Fact]
    public async Task The_inference_thread_advances_sessions_by_itself()
    {
        using var engine = new SessionEngine(new SessionEngineOptions { StartThread = true });
        var session = await engine.Start(new RecordingBackend(), new SessionStart(), new Sessions.SessionOptions { Fps = 200 });
        using var feed = session.Subscribe(capacity: 64);
        var seen = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var frame in feed.Reader.ReadAllAsync(cts.Token))
            if (++seen >= 5) break;
        Assert.True(session.FrameIndex >= 4);
    }

    private sealed class ThrowingBackend : IWorldBackend
    {
        private readonly RecordingBackend inner = new();

        public string Name => "throwing";

        public string IdentityHash => inner.IdentityHash;

        public Core.Spaces.ObservationSpec Spec => inner.Spec;

        public IReadOnlyList<string> ActionNames => inner.ActionNames;

        public int Fps => 24;

        public BackendStart Begin(SessionStart start) => inner.Begin(start);

        public IReadOnlyList<byte[]> Step(IReadOnlyList<BackendState> states, IReadOnlyList<int> actions) => throw new InvalidOperationException("boom");

        public BackendState Clone(BackendState state) => inner.Clone(state);

        public void Save(BackendState state, Stream stream) => inner.Save(state, stream);

        public BackendState Load(Stream stream) => inner.Load(stream);

        public void Dispose() { }
    }
}
