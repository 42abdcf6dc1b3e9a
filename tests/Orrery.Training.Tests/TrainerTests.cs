using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Streams;
using Orrery.Model;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using Orrery.Model.Tests;
using Orrery.Training.Latents;
using Orrery.Training.Precision;
using Orrery.Training.Sampling;
using Orrery.Training.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace Orrery.Training.Tests;

public class TrainerTests
{
    private static TrainOptions Quiet(long? stopAfter = null, bool resume = false) =>
        new() { WriteMetrics = false, Threads = 1, StopAfterStep = stopAfter, Resume = resume };

    [Theory]
    [InlineData(0.0, NumericPrecision.Fp32, 0)]
    [InlineData(0.5, NumericPrecision.Fp32, 0)]   // half of each batch trains on the model's own rollouts
    [InlineData(0.5, NumericPrecision.Bf16, 0)]   // mixed precision: bf16 passes, fp32 weights and optimiser
    [InlineData(0.5, NumericPrecision.Bf16, 6)]   // rollouts run past the window, so some contexts hold no real frame
    public void Dynamics_loss_on_the_moving_square_falls_at_least_5x_within_200_steps(double rolloutFraction, NumericPrecision precision, int extraFrames)
    {
        var corpus = SyntheticData.MovingSquare(4, 24);
        var losses = new List<double>();
        var tiny = TestRuns.Tiny(tokenizerSteps: 150, dynamicsSteps: 200);
        var cfg = tiny with { Train = tiny.Train with { RolloutFraction = rolloutFraction, DynamicsPrecision = precision, RolloutExtraFrames = extraFrames } };
        using var trainer = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet() with
        {
            Progress = p => { if (p.Stage == 2) losses.Add(p.Loss); },
        });
        trainer.Run();
        var first = losses.Take(5).Average();
        var last = losses.TakeLast(10).Average();
        Assert.True(first / last >= 5, $"dynamics loss went from {first:0.0000} to {last:0.0000} ({first / last:0.0}x)");
    }

    [Theory]
    [InlineData(NumericPrecision.Fp32)]
    [InlineData(NumericPrecision.Bf16)]   // the bf16 copy must carry the calibration too
    public void Stream_heads_learn_a_field_in_millimetres_beside_one_a_thousand_times_wider(NumericPrecision precision)
    {
        // In raw units the row's error (3 a pixel) drowns the column's (2 mm a pixel) and the column is never learned;
        // a robot's success hangs on such centimetre fields.
        var corpus = SyntheticData.MovingSquare(6, 24, state: true);
        var tiny = TestRuns.Tiny(tokenizerSteps: 150, dynamicsSteps: 300, streamHeads: ["state"]);
        var cfg = tiny with { Train = tiny.Train with { DynamicsPrecision = precision } };
        using var trainer = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet());
        using var model = WorldModel.Load(trainer.Run().CheckpointDir);
        var k = model.ContextFrames;
        var (errors, truths) = (new List<float[]>(), new List<float[]>());
        foreach (var episode in corpus.Episodes)
            for (var t = k; t < episode.Length; t += 3)
            {
                var context = Enumerable.Range(t - k, k).Select(i => new Observation(episode.Frame(i).ToArray(), new StreamValues())).ToArray();
                using var state = model.Begin(new SimulatorStart(context, episode.Actions[(t - k)..t], 0));
                var predicted = model.Step([state], [episode.Actions[t]])[0].Streams["state"];
                var truth = episode.Stream("state").AsSpan(2 * t, 2).ToArray();
                errors.Add([predicted[0] - truth[0], predicted[1] - truth[1]]);
                truths.Add(truth);
            }
        for (var f = 0; f < 2; f++)
        {
            var rmse = Math.Sqrt(errors.Average(e => e[f] * (double)e[f]));
            var mean = truths.Average(v => (double)v[f]);
            var std = Math.Sqrt(truths.Average(v => (v[f] - mean) * (v[f] - mean)));
            Assert.True(rmse < 0.35 * std, $"{SyntheticData.State.Fields[f]}: one-step error {rmse:0.0000} against a spread of {std:0.0000}");
        }
    }

    [Fact]
    public void Categorical_loss_over_quantized_tokens_falls_at_least_3x_within_200_steps()
    {
        var losses = new List<double>();
        var cfg = TestRuns.Tiny(tokenizerSteps: 150, dynamicsSteps: 200, head: DynamicsHead.Categorical);
        using var trainer = new Trainer(cfg, SyntheticData.MovingSquare(4, 24), null, TestRuns.TempDir(), Quiet() with
        {
            Progress = p => { if (p.Stage == 2) losses.Add(p.Loss); },
        });
        trainer.Run();
        var first = losses.Take(5).Average();
        var last = losses.TakeLast(10).Average();
        Assert.True(first / last >= 3, $"cross-entropy went from {first:0.000} to {last:0.000} ({first / last:0.0}x)");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]   // with the patch critic's adversarial term
    public void Decoder_stage_loss_falls_at_least_3x_within_120_steps(double adversarialWeight)
    {
        var corpus = SyntheticData.MovingSquare(4, 24);
        var losses = new List<double>();
        var tiny = TestRuns.Tiny(tokenizerSteps: 0, dynamicsSteps: 0);
        var cfg = tiny with { Train = tiny.Train with { DecoderSteps = 120, DecoderLearningRate = 1e-3, DecoderAdversarialWeight = adversarialWeight } };
        using var trainer = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet() with
        {
            Progress = p => { if (p.Stage == 3) losses.Add(p.Loss); },
        });
        trainer.Run();
        var first = losses.Take(5).Average();
        var last = losses.TakeLast(10).Average();
        Assert.True(first / last >= 3, $"decoder loss went from {first:0.0000} to {last:0.0000} ({first / last:0.0}x)");
    }

    [Fact]
    public void Decoder_stage_changes_the_decoder_and_nothing_else()
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        var tiny = TestRuns.Tiny(8, 8);
        var cfg = tiny with { Train = tiny.Train with { RolloutExtraFrames = 2 } };
        using var without = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet());
        using var with = new Trainer(cfg with { Train = cfg.Train with { DecoderSteps = 4 } }, corpus, null, TestRuns.TempDir(), Quiet());
        without.Run();
        var result = with.Run();
        Assert.Equal((8, 8, 4), (result.Manifest.TokenizerSteps, result.Manifest.DynamicsSteps, result.Manifest.DecoderSteps));
        var before = without.Network!.state_dict();
        foreach (var (name, weights) in with.Network!.state_dict())
        {
            var same = weights.equal(before[name]).all().item<bool>();
            var decoder = name.StartsWith("tokenizer.decoder.", StringComparison.Ordinal);
            Assert.True(same != decoder, $"{name}: {(same ? "unchanged" : "changed")}");
        }
    }

    [Theory]
    [InlineData(0.0, NumericPrecision.Fp32, 0)]
    [InlineData(1.0, NumericPrecision.Fp32, 0)]
    [InlineData(1.0, NumericPrecision.Bf16, 0)]
    [InlineData(1.0, NumericPrecision.Bf16, 6)]
    [InlineData(1.0, NumericPrecision.Bf16, 6, DynamicsHead.Categorical)]
    [InlineData(1.0, NumericPrecision.Bf16, 6, DynamicsHead.Categorical, 2)]
    [InlineData(1.0, NumericPrecision.Bf16, 2, DynamicsHead.Categorical, 0, true)]
    public void A_training_step_leaves_no_live_tensors_behind(double rolloutFraction, NumericPrecision precision, int extraFrames, DynamicsHead head = DynamicsHead.Regression, int maskedLayers = 0, bool memory = false)
    {
        var corpus = SyntheticData.MovingSquare(2, 12, state: memory);
        var tiny = TestRuns.Tiny(head: head);
        var cfg = tiny with
        {
            Dynamics = tiny.Dynamics with { MaskedLayers = maskedLayers, MemoryStream = memory ? SyntheticData.State.Name : null },
            Train = tiny.Train with { RolloutFraction = rolloutFraction, DynamicsPrecision = precision, RolloutExtraFrames = extraFrames },
        };
        manual_seed(1);
        using var net = new WorldModelNetwork(cfg with { Dynamics = cfg.Dynamics with { StreamHeads = [] } }, corpus.World);
        using var latents = new LatentCache(corpus, corpus);
        using var shadow = new PrecisionShadow(net, cfg);
        using var tokenizer = new TokenizerStage(net, corpus, corpus);
        using var dynamics = new DynamicsStage(net, new LatentWindowSource(net, corpus, corpus, latents, shadow));
        tokenizer.Step(0, 1e-3);                                       // warm-up: grads are allocated once
        dynamics.Step(0, 1e-3);                                        // warm-up: latents are cached once
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        tokenizer.Step(1, 1e-3);
        dynamics.Step(1, 1e-3);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData(NumericPrecision.Fp32, 0)]
    [InlineData(NumericPrecision.Bf16, 6)]
    public void A_decoder_step_leaves_no_live_tensors_behind(NumericPrecision precision, int extraFrames)
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        var tiny = TestRuns.Tiny();
        var cfg = tiny with { Train = tiny.Train with { DynamicsPrecision = precision, RolloutExtraFrames = extraFrames } };
        manual_seed(1);
        using var net = new WorldModelNetwork(cfg with { Dynamics = cfg.Dynamics with { StreamHeads = [] } }, corpus.World);
        using var latents = new LatentCache(corpus, corpus);
        using var shadow = new PrecisionShadow(net, cfg);
        using var stage = new DecoderStage(net, corpus, new LatentWindowSource(net, corpus, corpus, latents, shadow));
        stage.Step(0, 1e-3);                                           // warm-up: grads and latents are allocated once
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        stage.Step(1, 1e-3);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Rollouts_longer_than_every_episode_are_one_error_naming_the_setting()
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        var tiny = TestRuns.Tiny();
        var cfg = tiny with { Train = tiny.Train with { TokenizerTimeShare = 0, RolloutFraction = 0.5, RolloutExtraFrames = 10 } };
        using var trainer = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet());
        var error = Assert.Throws<Orrery.Core.Errors.OrreryException>(() => trainer.Run());
        Assert.Contains("no episode has 15 frames", error.Message);
        Assert.Contains("train.rolloutExtraFrames", error.Message);
    }

    [Fact]
    public void Same_seed_gives_identical_weights()
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        using var a = new Trainer(TestRuns.Tiny(8, 8), corpus, null, TestRuns.TempDir(), Quiet());
        using var b = new Trainer(TestRuns.Tiny(8, 8), corpus, null, TestRuns.TempDir(), Quiet());
        a.Run();
        b.Run();
        TestRuns.AssertSameWeights(a.Network!, b.Network!);
    }

    [Theory]
    [InlineData(5, 0)]    // interrupted in stage 1
    [InlineData(12, 0)]   // interrupted in stage 2
    [InlineData(18, 4)]   // interrupted in stage 3: the critic and both of its optimisers resume too
    public void Resumed_run_ends_with_the_same_weights_as_a_straight_run(int stopAfter, int decoderSteps)
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        var tiny = TestRuns.Tiny(8, 8);
        var cfg = tiny with { Train = tiny.Train with { DecoderSteps = decoderSteps } };
        using var straight = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet());
        straight.Run();
        var dir = TestRuns.TempDir();
        using (var first = new Trainer(cfg, corpus, null, dir, Quiet(stopAfter)))
            Assert.False(first.Run().Completed);
        using var second = new Trainer(cfg, corpus, null, dir, Quiet(resume: true));
        var result = second.Run();
        Assert.True(result.Completed);
        Assert.Equal(16 + decoderSteps, result.Steps);
        TestRuns.AssertSameWeights(straight.Network!, second.Network!);
    }

    [Fact]
    public void Resuming_a_finished_run_with_a_budget_trains_the_dynamics_longer()
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        var dir = TestRuns.TempDir();
        using (var first = new Trainer(TestRuns.Tiny(8, 8), corpus, null, dir, Quiet()))
            Assert.Equal(16, first.Run().Steps);
        using var more = new Trainer(TestRuns.Tiny(8, 8), corpus, null, dir, Quiet(resume: true) with { Budget = TimeSpan.FromSeconds(1) });
        var result = more.Run();
        Assert.True(result.Completed);
        Assert.True(result.Steps >= 16 + 30, $"a budget extension runs at least the 30 calibration steps; ran {result.Steps - 16}");
        Assert.Equal(result.Steps, TrainState.Read(Path.Combine(dir, Trainer.StateFolder)).Step);
    }

    [Fact]
    public void Cancelling_saves_a_loadable_checkpoint_and_a_resumable_state()
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        var dir = TestRuns.TempDir();
        using var cts = new CancellationTokenSource();
        var steps = 0;
        using var trainer = new Trainer(TestRuns.Tiny(8, 8), corpus, null, dir, Quiet() with
        {
            Cancel = cts.Token,
            Progress = _ => { if (++steps == 3) cts.Cancel(); },
        });
        var result = trainer.Run();
        Assert.False(result.Completed);
        Assert.Equal(3, result.Steps);
        using var model = WorldModel.Load(result.CheckpointDir);
        Assert.Equal(3, TrainState.Read(Path.Combine(dir, Trainer.StateFolder)).Step);
    }

    [Fact]
    public void Cancelling_while_latents_are_encoded_stops_after_the_batch_at_hand()
    {
        var corpus = SyntheticData.MovingSquare(8, 40);                                           // 320 frames: 5 encoder batches
        using var cts = new CancellationTokenSource();
        var batches = 0;
        using var trainer = new Trainer(TestRuns.Tiny(0, 8) with { Train = TestRuns.Tiny(0, 8).Train with { TokenizerTimeShare = 0 } }, corpus, null, TestRuns.TempDir(), Quiet() with
        {
            Cancel = cts.Token,
            Encoding = _ => { if (++batches == 1) cts.Cancel(); },
        });
        var result = trainer.Run();
        Assert.False(result.Completed);
        Assert.Equal(0, result.Steps);
        Assert.Equal(1, batches);
    }

    [Fact]
    public void Fine_tuning_keeps_the_parent_tokenizer_trains_the_dynamics_and_records_the_parent()
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        var parentDir = TestRuns.TrainTiny(steps: 8);
        var (parent, parentNet) = Orrery.Model.Checkpoints.Checkpoint.Load(parentDir);
        using var _ = parentNet;
        var tiny = TestRuns.Tiny();
        var cfg = tiny with
        {
            Dynamics = tiny.Dynamics with { ContextFrames = 6 },   // the window is not a weight: it may change
            Train = tiny.Train with { TokenizerTimeShare = 0, RolloutFraction = 0.5 },
        };
        using var child = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet() with { InitFrom = parentDir, TotalSteps = 6 });
        var result = child.Run();
        Assert.Equal(0, result.Manifest.TokenizerSteps);
        Assert.Equal(6, result.Manifest.DynamicsSteps);
        Assert.Equal(parent.WeightsSha256, result.Manifest.InitializedFromSha256);
        var before = parentNet.state_dict();
        foreach (var (name, weights) in child.Network!.state_dict())
        {
            var same = weights.equal(before[name]).all().item<bool>();
            Assert.True(same == name.StartsWith("tokenizer.", StringComparison.Ordinal), $"{name}: {(same ? "unchanged" : "changed")}");
        }
    }

    [Fact]
    public void Fine_tuning_a_categorical_head_into_a_masked_one_keeps_every_parent_weight_and_adds_only_the_decoder()
    {
        var (parentNet, child) = FineTuneAtRateZero(c => c with { Dynamics = c.Dynamics with { MaskedLayers = 2 } }, Quiet() with { TotalSteps = 2 });
        using var _ = parentNet;
        using var __ = child;
        var before = parentNet.state_dict();
        var after = child.Network!.state_dict();
        var added = after.Keys.Where(k => !before.ContainsKey(k)).ToArray();
        Assert.NotEmpty(added);
        Assert.All(added, k => Assert.True(CategoricalHead.IsMaskedDecoder(k), $"{k}: new, but not the masked decoder's"));
        foreach (var (name, weights) in before)
            Assert.True(weights.equal(after[name]).all().item<bool>(), $"{name}: not the parent's");
    }

    [Fact]
    public void Fine_tuning_into_a_memory_keeps_every_parent_weight_adds_only_the_memory_and_calibrates_its_key()
    {
        var corpus = SyntheticData.MovingSquare(2, 12, state: true);
        var tiny = TestRuns.Tiny(4, 4, DynamicsHead.Categorical, streamHeads: []);
        var parentDir = TrainOn(corpus, tiny);
        var (_, parentNet) = Orrery.Model.Checkpoints.Checkpoint.Load(parentDir);
        using var _ = parentNet;
        var cfg = tiny with
        {
            Dynamics = tiny.Dynamics with { MemoryStream = SyntheticData.State.Name },
            Train = tiny.Train with { TokenizerLearningRate = 0, DynamicsLearningRate = 0 },   // lr 0: the loaded weights stay as loaded
        };
        using var child = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet() with { InitFrom = parentDir, TotalSteps = 2 });
        child.Run();
        var before = parentNet.state_dict();
        var after = child.Network!.state_dict();
        var added = after.Keys.Where(k => !before.ContainsKey(k)).ToArray();
        Assert.NotEmpty(added);
        Assert.All(added, k => Assert.True(WorldModelNetwork.IsMemory(k), $"{k}: new, but not the memory's"));
        foreach (var (name, weights) in before)
            Assert.True(weights.equal(after[name]).all().item<bool>(), $"{name}: not the parent's");
        var moves = corpus.Episodes.SelectMany(e => Enumerable.Range(1, e.Length - 1).Select(t => e.Stream("state")[2 * t + 1] - e.Stream("state")[2 * t - 1])).ToArray();
        var rowStd = Math.Sqrt(moves.Select(m => (double)m * m).Average() - Math.Pow(moves.Average(m => (double)m), 2));
        Assert.InRange(after["memoryKeyHead.step"][1].item<float>(), 0.95 * rowStd, 1.05 * rowStd);   // the row's change, in its own units
    }

    private static string TrainOn(TrainingCorpus corpus, ModelConfig cfg)
    {
        using var trainer = new Trainer(cfg, corpus, null, TestRuns.TempDir(), Quiet());
        return trainer.Run().CheckpointDir;
    }

    [Fact]
    public void Fine_tuning_into_the_flow_head_keeps_the_parent_tokenizer_and_trunk_and_starts_the_head_fresh()
    {
        var parentDir = TestRuns.TrainTiny(steps: 8);
        var (_, parentNet) = Orrery.Model.Checkpoints.Checkpoint.Load(parentDir);
        using var _ = parentNet;
        var tiny = TestRuns.Tiny();
        var cfg = tiny with
        {
            Dynamics = tiny.Dynamics with { Head = DynamicsHead.Flow },
            Train = tiny.Train with { TokenizerTimeShare = 0, DynamicsLearningRate = 0 },   // lr 0: the loaded weights stay as loaded
        };
        using var child = new Trainer(cfg, SyntheticData.MovingSquare(2, 12), null, TestRuns.TempDir(), Quiet() with { InitFrom = parentDir, TotalSteps = 2 });
        child.Run();
        var before = parentNet.state_dict();
        var after = child.Network!.state_dict();
        foreach (var (name, weights) in after.Where(kv => !kv.Key.StartsWith(WorldModelNetwork.HeadPrefix, StringComparison.Ordinal)))
            Assert.True(weights.equal(before[name]).all().item<bool>(), $"{name}: not the parent's");
        Assert.Contains(after.Keys, k => k.StartsWith("head.blocks.", StringComparison.Ordinal));
        Assert.DoesNotContain(after.Keys, k => before.ContainsKey(k) && k.StartsWith(WorldModelNetwork.HeadPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Fine_tuning_into_quantized_tokens_starts_only_the_layers_that_face_the_latent_fresh()
    {
        var parentDir = TestRuns.TrainTiny(steps: 4);
        var (_, parentNet) = Orrery.Model.Checkpoints.Checkpoint.Load(parentDir);
        var cfg = TestRuns.Tiny(head: DynamicsHead.Categorical);
        cfg = cfg with { Train = cfg.Train with { TokenizerLearningRate = 0, DynamicsLearningRate = 0 } };   // lr 0: the loaded weights stay as loaded
        using var child = new Trainer(cfg, SyntheticData.MovingSquare(2, 12), null, TestRuns.TempDir(), Quiet() with { InitFrom = parentDir, TotalSteps = 2 });
        child.Run();
        var before = parentNet.state_dict();
        var after = child.Network!.state_dict();
        var fresh = after.Keys.Where(k => !before.TryGetValue(k, out var parent) || !parent.shape.SequenceEqual(after[k].shape)).Order().ToArray();
        Assert.All(fresh, k => Assert.True(WorldModelNetwork.FacesLatent(k) || k.StartsWith(WorldModelNetwork.HeadPrefix, StringComparison.Ordinal), $"{k}: resized but does not face the latent"));
        Assert.Contains("dynamics.tokenIn.weight", fresh);
        foreach (var (name, weights) in after.Where(kv => !fresh.Contains(kv.Key)))
            Assert.True(weights.equal(before[name]).all().item<bool>(), $"{name}: not the parent's");
    }

    [Fact]
    public void Fine_tuning_into_a_different_shape_names_the_tensor()
    {
        var parentDir = TestRuns.TrainTiny(steps: 4);
        var tiny = TestRuns.Tiny();
        var cfg = tiny with { Dynamics = tiny.Dynamics with { Width = 48 } };
        using var child = new Trainer(cfg, SyntheticData.MovingSquare(2, 12), null, TestRuns.TempDir(), Quiet() with { InitFrom = parentDir });
        var e = Assert.Throws<Core.Errors.OrreryException>(() => child.Run());
        Assert.Matches(@"^\S+: tensor (dynamics\.\S+) has another shape in this config; start it from fresh weights with --fresh \1$", e.Message);
    }

    [Fact]
    public void Fresh_starts_the_named_tensors_from_new_weights_and_keeps_every_other_parent_weight()
    {
        var (parentNet, child) = FineTuneAtRateZero(c => c, Quiet() with { TotalSteps = 1, Fresh = [WorldModelNetwork.HeadPrefix] });
        using var _ = parentNet;
        using var __ = child;
        var before = parentNet.state_dict();
        foreach (var (name, weights) in child.Network!.state_dict())
        {
            var same = weights.equal(before[name]).all().item<bool>();
            Assert.True(same != name.StartsWith(WorldModelNetwork.HeadPrefix, StringComparison.Ordinal), $"{name}: {(same ? "the parent's" : "new")}");
        }
    }

    /// <summary>A tiny categorical model, and a fine-tune of it (config changed by <paramref name="change"/>) at learning rate 0, so what it loaded stays as loaded.</summary>
    private static (WorldModelNetwork Parent, Trainer Child) FineTuneAtRateZero(Func<ModelConfig, ModelConfig> change, TrainOptions options)
    {
        var parentDir = TestRuns.TrainTiny(DynamicsHead.Categorical, steps: 4);
        var (_, parent) = Orrery.Model.Checkpoints.Checkpoint.Load(parentDir);
        var tiny = TestRuns.Tiny(head: DynamicsHead.Categorical);
        var cfg = change(tiny with { Train = tiny.Train with { TokenizerLearningRate = 0, DynamicsLearningRate = 0 } });
        var child = new Trainer(cfg, SyntheticData.MovingSquare(2, 12), null, TestRuns.TempDir(), options with { InitFrom = parentDir });
        child.Run();
        return (parent, child);
    }

    [Fact]
    public void Fresh_lets_a_fine_tune_resize_a_module_and_refuses_a_prefix_that_names_nothing()
    {
        var parentDir = TestRuns.TrainTiny(steps: 4);
        var tiny = TestRuns.Tiny();
        var cfg = tiny with { Dynamics = tiny.Dynamics with { Width = 48 } };
        using (var resized = new Trainer(cfg, SyntheticData.MovingSquare(2, 12), null, TestRuns.TempDir(),
                                         Quiet() with { InitFrom = parentDir, TotalSteps = 1, Fresh = ["dynamics.", WorldModelNetwork.HeadPrefix] }))
            Assert.True(resized.Run().Steps > 0);
        using var typo = new Trainer(tiny, SyntheticData.MovingSquare(2, 12), null, TestRuns.TempDir(), Quiet() with { InitFrom = parentDir, Fresh = ["dynamcs."] });
        Assert.StartsWith("--fresh dynamcs.: no tensor of this model's network begins with it", Assert.Throws<Core.Errors.OrreryException>(() => typo.Run()).Message);
    }

    [Fact]
    public void Resume_sweeps_the_temp_files_a_killed_run_left_and_still_equals_a_straight_run()
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        using var straight = new Trainer(TestRuns.Tiny(8, 8), corpus, null, TestRuns.TempDir(), Quiet());
        straight.Run();
        var dir = TestRuns.TempDir();
        using (var first = new Trainer(TestRuns.Tiny(8, 8), corpus, null, dir, Quiet(10)))
            first.Run();
        var dead = DeadProcessId();
        string[] stale =
        [
            Path.Combine(dir, $"{Trainer.StateFolder}.tmp-{dead}-1"),
            Path.Combine(dir, Trainer.StateFolder, $"{TrainState.StateName}.tmp-{dead}-2"),
            Path.Combine(dir, Trainer.CheckpointFolder, $"model.safetensors.tmp-{dead}-3"),
        ];
        Directory.CreateDirectory(stale[0]);
        File.WriteAllText(stale[1], "{");
        File.WriteAllBytes(stale[2], new byte[1000]);

        using var second = new Trainer(TestRuns.Tiny(8, 8), corpus, null, dir, Quiet(resume: true));
        second.Run();

        Assert.All(stale, path => Assert.False(Path.Exists(path), $"{path} is still there"));
        TestRuns.AssertSameWeights(straight.Network!, second.Network!);
    }

    [Fact]
    public void Encoding_the_latents_reports_progress_through_the_options()
    {
        var (train, validation) = SyntheticData.MovingSquare(3, 12).HoldOut(1);
        var reports = new List<EncodingProgress>();
        using var trainer = new Trainer(TestRuns.Tiny(2, 2), train, validation, TestRuns.TempDir(), Quiet() with { Encoding = reports.Add });

        trainer.Run();

        Assert.NotEmpty(reports);
        Assert.Equal((36L, 36L), (reports[^1].Frames, reports[^1].TotalFrames));
    }

    [Fact]
    public void A_train_state_of_another_version_is_one_clear_error()
    {
        var corpus = SyntheticData.MovingSquare(2, 12);
        var dir = TestRuns.TempDir();
        using (var first = new Trainer(TestRuns.Tiny(2, 2), corpus, null, dir, Quiet()))
            first.Run();
        var path = Path.Combine(dir, Trainer.StateFolder, TrainState.StateName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"version\": 2", "\"version\": 1", StringComparison.Ordinal));

        using var second = new Trainer(TestRuns.Tiny(2, 2), corpus, null, dir, Quiet(resume: true));
        var e = Assert.Throws<Orrery.Core.Errors.OrreryException>(() => second.Run());
        Assert.StartsWith($"{path}: train state version 1", e.Message);
    }

    private static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true") ?? throw new InvalidOperationException("could not start true");
        process.WaitForExit();
        return process.Id;
    }
}
