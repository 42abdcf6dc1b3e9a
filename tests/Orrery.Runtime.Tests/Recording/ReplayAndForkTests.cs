using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Scheduling;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Tests.Recording;

/// <summary>Replay, fork and snapshot on the real maze (its ground-truth simulator), checked with SHA-256 of every frame.</summary>
public sealed class ReplayAndForkTests : IDisposable
{
    private static readonly SessionEngineOptions Manual = new() { StartThread = false };
    private readonly ManualTime time = new();
    private readonly EnvironmentSimulator maze = new("maze");
    private readonly EnvironmentContext contexts = new();
    private readonly SessionEngine engine;
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"orrery-runtime-tests-{Guid.NewGuid():N}");

    public ReplayAndForkTests() => engine = new SessionEngine(contexts, Manual, time);

    public void Dispose()
    {
        engine.Dispose();
        maze.Dispose();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Replaying_the_action_log_gives_the_same_frames_bit_for_bit()
    {
        var session = await engine.Start(maze, new SessionStart(World: 1, Seed: 7));
        Drive(session, Script(40, seed: 3));
        var live = Hashes(session.RecordedFrames().Select(f => f.Pixels));
        var log = session.TickActions();

        var offline = Hashes(SessionReplay.Frames(maze, maze.IdentityHash, session.Start, log, contexts));
        Assert.Equal(live, offline);

        var replay = await engine.Replay(session);
        while (replay.ScriptRemaining > 0) Tick();
        Assert.Equal(live, Hashes(replay.RecordedFrames().Select(f => f.Pixels)));
        Assert.Equal(log, replay.TickActions());
        Assert.True(live.Distinct().Count() > 10, "the script should move the view");
    }

    [Fact]
    public async Task Forks_diverge_under_different_actions_and_agree_under_the_same()
    {
        var session = await engine.Start(maze, new SessionStart(World: 0, Seed: 2));
        Drive(session, Script(10, seed: 1));
        var a = await engine.Fork(session);
        var b = await engine.Fork(session);
        Assert.Equal(session.FrameIndex, a.FrameIndex);
        Assert.Equal(session.TickActions(), a.TickActions());

        // same actions: identical frames; the source, left on noop, is not disturbed by its forks
        a.SetAction("turn-left");
        b.SetAction("turn-left");
        session.SetAction("noop");
        var sourceBefore = Checksums.Sha256(session.Latest.Pixels);
        for (var i = 0; i < 6; i++) Tick();
        Assert.Equal(Checksums.Sha256(a.Latest.Pixels), Checksums.Sha256(b.Latest.Pixels));
        Assert.Equal(sourceBefore, Checksums.Sha256(session.Latest.Pixels));

        // different actions: they part ways
        a.SetAction("turn-left");
        b.SetAction("turn-right");
        for (var i = 0; i < 6; i++) Tick();
        Assert.NotEqual(Checksums.Sha256(a.Latest.Pixels), Checksums.Sha256(b.Latest.Pixels));
    }

    [Fact]
    public async Task Snapshot_and_restore_continue_identically()
    {
        var session = await engine.Start(maze, new SessionStart(World: 2, Seed: 5));
        Drive(session, Script(20, seed: 9));
        var path = Path.Combine(dir, "s.orrsnap");
        var info = await engine.Snapshot(session, path);
        Assert.Equal(20, info.FrameIndex);
        Assert.True(File.Exists(path));

        var snapshot = SessionSnapshot.ReadFile(path);
        Assert.Equal("truth-maze", snapshot.Header.Simulator);
        var restored = await engine.Restore(snapshot, maze);
        Assert.Equal(session.FrameIndex, restored.FrameIndex);
        Assert.Equal(session.TickActions(), restored.TickActions());
        Assert.Equal(session.Start.Seed, restored.Start.Seed);
        Assert.Equal(Checksums.Sha256(session.Latest.Pixels), Checksums.Sha256(restored.Latest.Pixels));

        var more = Script(15, seed: 4);
        foreach (var action in more)
        {
            session.SetAction(action);
            restored.SetAction(action);
            Tick();
            Assert.Equal(Checksums.Sha256(session.Latest.Pixels), Checksums.Sha256(restored.Latest.Pixels));
        }
    }

    [Fact]
    public async Task Restore_refuses_a_snapshot_from_another_simulator()
    {
        var session = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start());
        var path = Path.Combine(dir, "other.orrsnap");
        await engine.Snapshot(session, path);
        await Assert.ThrowsAsync<Core.Errors.OrreryException>(() => engine.Restore(SessionSnapshot.ReadFile(path), maze));
    }

    [Fact]
    public async Task Recording_keeps_only_the_latest_frames()
    {
        var session = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start(), new SessionOptions { RecordingFrames = 8 });
        for (var i = 0; i < 30; i++) Tick();
        var frames = session.RecordedFrames();
        Assert.Equal(8, frames.Count);
        Assert.Equal(Enumerable.Range(23, 8).Select(i => (long)i), frames.Select(f => f.Index));
    }

    private void Tick()
    {
        time.AdvanceFrames(1);
        engine.Pump();
    }

    private void Drive(Session session, IEnumerable<ActionVector> actions)
    {
        foreach (var a in actions)
        {
            session.SetAction(a);
            Tick();
        }
    }

    private static ActionVector[] Script(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => ActionVector.Discrete(rng.Next(0, 7))).ToArray();
    }

    private static List<string> Hashes(IEnumerable<byte[]> frames) => frames.Select(f => Checksums.Sha256(f)).ToList();
}
