using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Environments.Maze;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Runtime.Backends;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Scheduling;
using static TorchSharp.torch;

namespace Orrery.Runtime.Tests.Backends;

/// <summary>
/// The runtime on a tiny world model with random weights: replay, fork and snapshot stay exact at batch 1. Random,
/// because a fresh network's adaLN-Zero blocks are the identity: there actions and the key/value cache change
/// nothing, and a fork or snapshot that lost either would still pass. The guards below prove both matter here.
/// </summary>
public sealed class WorldModelBackendTests : IDisposable
{
    private readonly ManualTime time = new();
    private readonly WorldModelBackend backend;
    private SessionEngine? engine;

    public WorldModelBackendTests()
    {
        var spec = new ObservationSpec(64, 64, 3);
        var network = new WorldModelNetwork(Presets.Tiny, spec, MazeActions.Names.Count);
        Randomise(network, seed: 7);
        var manifest = new CheckpointManifest { Config = Presets.Tiny, Observation = spec, ActionNames = MazeActions.Names, WeightsSha256 = "tiny-test-weights" };
        backend = new WorldModelBackend(WorldModel.FromNetwork(network, manifest), "tiny");
    }

    /// <summary>
    /// An engine pumped by the test. With maxBatch 1 every due session is its own Step call; with more, sessions of
    /// equal cache length share one forward pass, whose rows may round differently from each other.
    /// </summary>
    private SessionEngine UseEngine(int maxBatch) =>
        engine = new SessionEngine(new SessionEngineOptions { StartThread = false, MaxBatch = maxBatch }, time);

    public void Dispose()
    {
        engine?.Dispose();
        backend.Dispose();
    }

    [Fact]
    public async Task Model_sessions_replay_fork_and_restore_bit_for_bit()
    {
        var engine = UseEngine(maxBatch: 1);
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
            var restored = await engine.Restore(SessionSnapshot.ReadFile(path), backend);
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
        var engine = UseEngine(maxBatch: 16);
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

    [Fact]
    public void Guard_different_actions_give_different_frames()
    {
        var left = Rollout(new SessionStart(World: 0, Seed: 1), [3, 3, 3]);
        var right = Rollout(new SessionStart(World: 0, Seed: 1), [4, 4, 4]);
        Assert.NotEqual(Checksums.Sha256(left[^1]), Checksums.Sha256(right[^1]));
    }

    [Fact]
    public void Guard_a_state_that_lost_its_cache_gives_different_frames()
    {
        var begun = backend.Begin(new SessionStart(World: 0, Seed: 1));
        using var state = begun.State;
        foreach (var a in new[] { 1, 3, 1 }) backend.Step([state], [a]);
        using var saved = new MemoryStream();
        backend.Save(state, saved);
        using var whole = backend.Load(new MemoryStream(saved.ToArray()));
        using var forgetful = backend.Load(new MemoryStream(WithoutCache(saved.ToArray())));
        var expected = backend.Step([state], [2])[0];
        Assert.Equal(Checksums.Sha256(expected), Checksums.Sha256(backend.Step([whole], [2])[0]));
        Assert.NotEqual(Checksums.Sha256(expected), Checksums.Sha256(backend.Step([forgetful], [2])[0]));
    }

    /// <summary>Every parameter drawn from a seeded generator, scaled by its fan-in; norms' gains stay near one.</summary>
    private static void Randomise(WorldModelNetwork network, ulong seed)
    {
        using var noGrad = no_grad();
        using var generator = new Generator(seed);
        foreach (var (name, p) in network.named_parameters())
        {
            using var noise = randn(p.shape, generator: generator);
            if (p.dim() > 1) p.copy_(noise / Math.Sqrt(p.numel() / p.shape[0]));
            else p.copy_(noise * 0.1 + (name.EndsWith(".weight", StringComparison.Ordinal) ? 1 : 0));
        }
    }

    private IReadOnlyList<byte[]> Rollout(SessionStart start, int[] actions)
    {
        var begun = backend.Begin(start);
        using var state = begun.State;
        return actions.Select(a => backend.Step([state], [a])[0]).ToArray();
    }

    /// <summary>A saved rollout state with its key/value cache dropped (RolloutState.Save's layout): what a careless snapshot would keep.</summary>
    private static byte[] WithoutCache(byte[] saved)
    {
        using var r = new BinaryReader(new MemoryStream(saved));
        using var copy = new MemoryStream();
        using var w = new BinaryWriter(copy);
        w.Write(r.ReadBytes(8));                     // magic, version
        w.Write(r.ReadString());                     // weights sha256
        w.Write(r.ReadInt64());                      // frame index
        w.Write(r.ReadInt64());                      // seed
        Assert.True(r.ReadInt32() > 0, "the saved state has no cache to drop");
        w.Write(0);                                  // cached frames
        for (var blob = 0; blob < 2; blob++)         // generator state, pending latent
        {
            var n = r.ReadInt32();
            w.Write(n);
            w.Write(r.ReadBytes(n));
        }
        w.Flush();
        return copy.ToArray();
    }

    private void Tick()
    {
        time.AdvanceFrames(1);
        engine!.Pump();
    }
}
