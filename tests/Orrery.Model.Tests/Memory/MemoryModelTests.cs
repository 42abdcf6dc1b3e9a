using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Model.Configs;
using Orrery.Model.Memory;
using Orrery.Training;
using static TorchSharp.torch;

namespace Orrery.Model.Tests.Memory;

/// <summary>A model that keeps a memory keyed by the moving square's state stream (its position).</summary>
public class MemoryModelTests
{
    private static readonly Lazy<string> MemoryCheckpoint = new(() => Train(10));

    private static ModelConfig MemoryConfig(int steps) => TestRuns.Tiny(steps, steps, DynamicsHead.Categorical) with
    {
        Dynamics = TestRuns.Tiny(steps, steps, DynamicsHead.Categorical).Dynamics with { MemoryStream = SyntheticData.State.Name, MemoryFrames = 2, SampleTemperature = 1 },
    };

    private static string Train(int steps)
    {
        var corpus = SyntheticData.MovingSquare(3, 12, state: true);
        using var trainer = new Trainer(MemoryConfig(steps), corpus, null, TestRuns.TempDir(), new TrainOptions { WriteMetrics = false, Threads = 1 });
        return trainer.Run().CheckpointDir;
    }

    /// <summary>The first `count` frames of episode 0 with their recorded state, as an environment would give them.</summary>
    private static SimulatorStart Start(int count, long seed)
    {
        var episode = SyntheticData.MovingSquare(3, 12, state: true).Episodes[0];
        var rows = episode.Stream(SyntheticData.State.Name);
        var context = Enumerable.Range(0, count)
            .Select(t => new Observation(episode.Frame(t).ToArray(), new StreamValues { [SyntheticData.State.Name] = rows.AsSpan(2 * t, 2).ToArray() }))
            .ToArray();
        return new SimulatorStart(context, episode.Actions.Take(count).ToArray(), seed);
    }

    [Fact]
    public void A_fresh_memory_changes_no_prediction()
    {
        var corpus = SyntheticData.MovingSquare(1, 6, state: true);
        var cfg = MemoryConfig(1) with { Dynamics = MemoryConfig(1).Dynamics with { StreamHeads = [] } };
        using var network = new WorldModelNetwork(cfg, corpus.World);
        using var scope = NewDisposeScope();
        var latents = randn([2, 4, network.Dynamics.Tokens, 3]);                                  // (B, T, N, C)
        var actions = zeros([2, 4], ScalarType.Int64);
        var levels = zeros(2, 4);
        var memory = new MemoryInput(randn([2, 4, 2, network.Dynamics.Tokens, 3]), randn([2, 4, 2, MemoryRecall.SlotFeatures(2)]));
        var without = network.Dynamics.Forward(latents, actions, levels);
        var with = network.Dynamics.Forward(latents, actions, levels, memory: memory);
        Assert.True(without.eq(with).all().item<bool>());                                           // the gates start at zero
    }

    [Fact]
    public void A_memory_model_predicts_its_key_and_recalls_what_it_kept()
    {
        using var model = WorldModel.Load(MemoryCheckpoint.Value);
        var start = Start(3, 5);
        using var state = (RolloutState)model.Begin(start);
        var kept = new List<float[]>();
        foreach (var key in start.Context.Select(o => o.Streams[SyntheticData.State.Name]))
            if (MemoryRecall.Admits(kept, kept.Count, key, DynamicsConfig.DefaultMemoryMergeDistance)) kept.Add(key);
        Assert.Equal(kept.Count, state.RememberedFrames);                                        // the context's recorded keys, by the memory's rule
        var observations = Enumerable.Range(0, 6).Select(i => model.Step([state], [ActionVector.Discrete(i % 2 == 0 ? 1 : 2)])[0]).ToArray();
        Assert.All(observations, o => Assert.Equal(2, o.Streams[SyntheticData.State.Name].Length));
        Assert.InRange(state.RememberedFrames, kept.Count, kept.Count + 6);
    }

    [Theory]
    [InlineData("memoryMinAge", 0)]
    [InlineData("memoryMinAge", 2)]                // the kept frames' indices travel with the state
    [InlineData("sampleNoiseCorrelation", 0.5)]    // and so does the last frame's sampling noise
    public void A_saved_or_forked_rollout_with_a_memory_continues_like_the_original(string setting, double value)
    {
        using var model = WorldModel.Load(TestRuns.WithDynamics(MemoryCheckpoint.Value, setting, value));
        using var state = model.Begin(Start(4, 11));
        model.Step([state], [ActionVector.Discrete(1)]);
        using var buffer = new MemoryStream();
        model.Save(state, buffer);
        buffer.Position = 0;
        using var loaded = model.Restore(buffer);
        using var fork = model.Fork(state);
        for (var i = 0; i < 5; i++)
        {
            var original = model.Step([state], [ActionVector.Discrete(2)])[0];
            Assert.Equal(original.Frame, model.Step([loaded], [ActionVector.Discrete(2)])[0].Frame);
            Assert.Equal(original.Frame, model.Step([fork], [ActionVector.Discrete(2)])[0].Frame);
        }
    }

    [Fact]
    public void Carried_sampling_noise_redraws_fewer_tokens_from_one_frame_to_the_next()
    {
        double Changed(double correlation)
        {
            using var model = WorldModel.Load(TestRuns.WithDynamics(MemoryCheckpoint.Value, "sampleNoiseCorrelation", correlation));
            using var state = model.Begin(Start(3, 4));
            var frames = Enumerable.Range(0, 12).Select(_ => model.Step([state], [ActionVector.Discrete(0)])[0].Frame).ToArray();
            return frames.Zip(frames.Skip(1)).Average(p => p.First.Zip(p.Second).Count(b => b.First != b.Second));   // pixels changed per step
        }
        Assert.True(Changed(1) < Changed(0), "frozen noise keeps the codes a fresh draw would resample");
    }

    [Fact]
    public void A_state_saved_without_a_memory_does_not_load_into_a_memory_model()
    {
        using var plain = WorldModel.Load(TestRuns.TrainTiny(DynamicsHead.Categorical, 2));
        var episode = SyntheticData.MovingSquare(3, 12).Episodes[0];
        using var state = plain.Begin(new SimulatorStart([new Observation(episode.Frame(0).ToArray(), StreamValues.Empty)], [ActionVector.Unknown], 1));
        using var buffer = new MemoryStream();
        plain.Save(state, buffer);
        buffer.Position = 0;
        using var model = WorldModel.Load(MemoryCheckpoint.Value);
        var error = Assert.Throws<OrreryException>(() => model.Restore(buffer));
        Assert.Contains("rollout state", error.Message);
    }

    [Theory]
    [InlineData(MemoryKeySource.Action, true)]
    [InlineData(MemoryKeySource.Features, false)]
    public void Keys_by_dead_reckoning_follow_the_actions_alone_and_keys_from_features_follow_the_sampled_frames(MemoryKeySource source, bool sameKeys)
    {
        using var model = WorldModel.Load(TestRuns.WithDynamics(MemoryCheckpoint.Value, "memoryKeySource", source.ToString().ToLowerInvariant()));
        float[][] Keys(long seed)
        {
            using var state = model.Begin(Start(3, seed));                                        // the seed draws the sampled frames
            return [.. Enumerable.Range(0, 6).Select(i => model.Step([state], [ActionVector.Discrete(i % 3)])[0].Streams[SyntheticData.State.Name])];
        }
        var (a, b) = (Keys(1), Keys(2));
        Assert.Equal(sameKeys, a.Zip(b).All(p => p.First.SequenceEqual(p.Second)));
    }
}
