using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Scheduling;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Tests.Sessions;

/// <summary>
/// Sessions of a tiny maze world model with random weights (<see cref="RandomWeights"/>): replay, fork and snapshot
/// stay exact at batch 1. Random, because on a fresh network a fork or snapshot that lost the actions or the key/value
/// cache would still pass; the guards below prove both matter here.
/// </summary>
public sealed class WorldModelSessionTests : IDisposable
{
    private readonly ManualTime time = new();
    private readonly EnvironmentContext contexts = new();
    private readonly WorldModel model;
    private SessionEngine? engine;

    public WorldModelSessionTests()
    {
        var world = EnvironmentRegistry.Spec("maze");
        var config = Presets.Tiny with { Dynamics = Presets.Tiny.Dynamics with { StreamHeads = [] } };
        var network = new WorldModelNetwork(config, world);
        RandomWeights.Fill(network, seed: 7);
        model = WorldModel.FromNetwork(network, new CheckpointManifest { Config = config, World = world, WeightsSha256 = "tiny-test-weights" }, name: "tiny");
    }

    /// <summary>
    /// An engine pumped by the test. With maxBatch 1 every due session is its own Step call; with more, sessions of
    /// equal cache length share one forward pass, whose rows may round differently from each other.
    /// </summary>
    private SessionEngine UseEngine(int maxBatch) =>
        engine = new SessionEngine(contexts, new SessionEngineOptions { StartThread = false, MaxBatch = maxBatch }, time);

    public void Dispose()
    {
        engine?.Dispose();
        model.Dispose();
    }

    [Fact]
    public async Task Model_sessions_replay_fork_and_restore_bit_for_bit()
    {
        var engine = UseEngine(maxBatch: 1);
        var session = await engine.Start(model, new SessionStart(World: 0, Seed: 1));
        foreach (var a in new[] { 1, 1, 3, 3, 0, 4 })
        {
            session.SetAction(ActionVector.Discrete(a));
            Tick();
        }
        var live = session.RecordedFrames().Select(f => Checksums.Sha256(f.Pixels)).ToList();
        var replay = SessionReplay.Frames(model, model.IdentityHash, session.Start, session.TickActions(), contexts);
        Assert.Equal(live, replay.Select(f => Checksums.Sha256(f)));

        var fork = await engine.Fork(session);
        var path = Path.Combine(Path.GetTempPath(), $"orrery-model-snap-{Guid.NewGuid():N}.orrsnap");
        try
        {
            await engine.Snapshot(session, path);
            var restored = await engine.Restore(SessionSnapshot.ReadFile(path), model);
            foreach (var s in new[] { session, fork, restored }) s.SetAction("back");
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
        var a = await engine.Start(model, new SessionStart(World: 0, Seed: 1));
        var b = await engine.Start(model, new SessionStart(World: 1, Seed: 2));
        foreach (var act in new[] { 1, 3, 4, 2 })
        {
            a.SetAction(ActionVector.Discrete(act));
            b.SetAction(ActionVector.Discrete((act + 1) % 7));
            Tick();   // a and b go through one batched Step call
        }
        foreach (var s in new[] { a, b })
        {
            // bit-exactness holds per batch composition only: a batched matmul may round differently from batch 1
            var replay = SessionReplay.Frames(model, model.IdentityHash, s.Start, s.TickActions(), contexts);
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
        using var state = Begin(new SessionStart(World: 0, Seed: 1));
        foreach (var a in new[] { 1, 3, 1 }) Step(state, a);
        using var saved = new MemoryStream();
        model.Save(state, saved);
        using var whole = model.Restore(new MemoryStream(saved.ToArray()));
        using var forgetful = model.Restore(new MemoryStream(WithoutCache(saved.ToArray())));
        var expected = Step(state, 2);
        Assert.Equal(Checksums.Sha256(expected), Checksums.Sha256(Step(whole, 2)));
        Assert.NotEqual(Checksums.Sha256(expected), Checksums.Sha256(Step(forgetful, 2)));
    }

    private IReadOnlyList<byte[]> Rollout(SessionStart start, int[] actions)
    {
        using var state = Begin(start);
        return actions.Select(a => Step(state, a)).ToArray();
    }

    /// <summary>A rollout begun as a session with this start begins (the maze's context frames under the no-op).</summary>
    private Core.Simulation.SimulatorState Begin(SessionStart start) => model.Begin(SessionContext.For(model, start, contexts));

    private byte[] Step(Core.Simulation.SimulatorState state, int action) => model.Step([state], [ActionVector.Discrete(action)])[0].Frame;

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
        w.Write(-1);                                 // no memory (the model keeps none)
        w.Write(false);                              // no carried sampling noise (rho 0)
        w.Flush();
        return copy.ToArray();
    }

    private void Tick()
    {
        time.AdvanceFrames(1);
        engine!.Pump();
    }
}
