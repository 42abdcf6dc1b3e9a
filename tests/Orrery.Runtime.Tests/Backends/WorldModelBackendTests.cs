using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Environments.Maze;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Runtime.Backends;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Scheduling;

namespace Orrery.Runtime.Tests.Backends;

/// <summary>The runtime on an (untrained, tiny) world model: replay, fork and snapshot stay exact at batch 1.</summary>
public sealed class WorldModelBackendTests : IDisposable
{
    private readonly ManualTime time = new();
    private readonly WorldModelBackend backend;
    private SessionEngine engine = null!;

    public WorldModelBackendTests()
    {
        var spec = new ObservationSpec(64, 64, 3);
        var network = new WorldModelNetwork(Presets.Tiny, spec, MazeActions.Names.Count);
        var manifest = new CheckpointManifest { Config = Presets.Tiny, Observation = spec, ActionNames = MazeActions.Names, WeightsSha256 = "tiny-test-weights" };
        backend = new WorldModelBackend(WorldModel.FromNetwork(network, manifest), "tiny");
    }

    /// <summary>
    /// An engine pumped by the test. With maxBatch 1 every due session is its own Step call; with more, sessions of
    /// equal cache length share one forward pass, whose rows may round differently from each other.
    /// </summary>
    private void UseEngine(int maxBatch) =>
        engine = new SessionEngine(new SessionEngineOptions { StartThread = false, MaxBatch = maxBatch }, time);

    public void Dispose()
    {
        engine.Dispose();
        backend.Dispose();
    }

    [Fact]
    public async Task Model_sessions_replay_fork_and_restore_bit_for_bit()
    {
        UseEngine(maxBatch: 1);
        var session = await engine.Start(backend, new SessionStart(World: 0, Seed: 1));
        foreach (var a in new[] { 1, 1, 3, 3, 0, 4 })
        {
            session.SetAction(a);
            Tick();
        }
        var live = session.RecordedFrames().Select(f => Checksums.Sha256(f.Pixels)).ToList();
        var replay = SessionReplay.Frames(backend, backend.IdentityHash, session.Start, session.TickActions());
        Assert.Equal(live, replay.Select(f => Checksums.Sha256(f)));

        var fork = await engine.Fork(session);
        var path = Path.Combine(Path.GetTempPath(), $"orrery-model-snap-{Guid.NewGuid():N}.orrsnap");
        try
        {
            await engine.Snapshot(session, path);
            var restored = await engine.Restore(path, _ => backend);
            foreach (var s in new[] { session, fork, restored }) s.SetAction(2);
            Tick();
            Assert.Equal(Checksums.Sha256(session.Latest.Pixels), Checksums.Sha256(restored.Latest.Pixels));
            Assert.Equal(Checksums.Sha256(session.Latest.Pixels), Checksums.Sha256(fork.Latest.Pixels));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Batched_sessions_stay_within_rounding_of_their_batch_1_replays()
    {
        UseEngine(maxBatch: 16);
        var a = await engine.Start(backend, new SessionStart(World: 0, Seed: 1));
        var b = await engine.Start(backend, new SessionStart(World: 1, Seed: 2));
        foreach (var act in new[] { 1, 3, 4, 2 })
        {
            a.SetAction(act);
            b.SetAction((act + 1) % 7);
            Tick();   // a and b go through one batched Step call
        }
        foreach (var s in new[] { a, b })
        {
            // bit-exactness holds per batch composition only: a batched matmul may round differently from batch 1
            var replay = SessionReplay.Frames(backend, backend.IdentityHash, s.Start, s.TickActions());
            var live = s.RecordedFrames();
            Assert.Equal(replay.Count, live.Count);
            for (var t = 0; t < live.Count; t++)
            {
                var worst = live[t].Pixels.Zip(replay[t], (x, y) => Math.Abs(x - y)).Max();
                Assert.True(worst <= 2, $"frame {t}: batched and batch-1 pixels differ by up to {worst}");
            }
        }
    }

    private void Tick()
    {
        time.AdvanceFrames(1);
        engine.Pump();
    }
}
