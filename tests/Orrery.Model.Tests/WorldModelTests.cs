using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Core.Errors;
using Orrery.Model.Configs;

namespace Orrery.Model.Tests;

public class WorldModelTests
{
    private static readonly Lazy<string> RegressionCheckpoint = new(() => TestRuns.TrainTiny(DynamicsHead.Regression, 10));
    private static readonly Lazy<string> FlowCheckpoint = new(() => TestRuns.TrainTiny(DynamicsHead.Flow, 10));
    private static readonly Lazy<string> CategoricalCheckpoint = new(() => TestRuns.TrainTiny(DynamicsHead.Categorical, 10));

    private static string CheckpointOf(DynamicsHead head) => head == DynamicsHead.Categorical ? CategoricalCheckpoint.Value : FlowCheckpoint.Value;

    private static (byte[][] Frames, ActionVector[] Actions) Clip(int episode, int count)
    {
        var corpus = SyntheticData.MovingSquare(3, 12);
        var ep = corpus.Episodes[episode];
        return (Enumerable.Range(0, count).Select(t => ep.Frame(t).ToArray()).ToArray(), ep.Actions.Take(count).ToArray());
    }

    [Theory]
    [InlineData(DynamicsHead.Flow, "sampleNoiseCorrelation", 0)]
    [InlineData(DynamicsHead.Categorical, "sampleNoiseCorrelation", 0)]
    [InlineData(DynamicsHead.Categorical, "sampleNoiseCorrelation", 0.5)]   // each state carries its own sampling noise through the batch
    [InlineData(DynamicsHead.Flow, "actionGuidance", 2)]                    // the unknown action's pass is batched too
    public void Batched_step_of_two_states_equals_stepping_them_separately(DynamicsHead head, string setting, double value)
    {
        using var model = WorldModel.Load(TestRuns.WithDynamics(CheckpointOf(head), setting, value));
        var (f1, a1) = Clip(0, 3);
        var (f2, a2) = Clip(1, 3);
        using var s1 = model.Begin(f1, a1, seed: 7);
        using var s2 = model.Begin(f2, a2, seed: 8);
        using var c1 = model.Fork(s1);
        using var c2 = model.Fork(s2);
        for (var step = 0; step < 6; step++)                              // past K = 4: the caches roll
        {
            var batched = model.StepFrames([s1, s2], 1, 2);
            var alone1 = model.StepFrames([c1], 1)[0];
            var alone2 = model.StepFrames([c2], 2)[0];
            AssertClose(alone1, batched[0]);
            AssertClose(alone2, batched[1]);
        }
        Assert.Equal(8, s1.FrameIndex);
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        using var model = WorldModel.Load(FlowCheckpoint.Value);
        var (frames, actions) = Clip(0, 2);
        byte[] Roll(long seed)
        {
            using var s = model.Begin(frames, actions, seed);
            return model.StepFrames([s], 3).Concat(model.StepFrames([s], 4)).SelectMany(f => f).ToArray();
        }
        Assert.Equal(Roll(5), Roll(5));
        Assert.NotEqual(Roll(5), Roll(6));
    }

    /// <summary>The bytes of six frames stepped from clip 0 with alternating actions, under a seed.</summary>
    private static byte[] SixFrames(WorldModel model, long seed)
    {
        var (frames, actions) = Clip(0, 2);
        using var s = model.Begin(frames, actions, seed);
        return Enumerable.Range(0, 6).SelectMany(i => model.StepFrames([s], 1 + i % 2)[0]).ToArray();
    }

    [Fact]
    public void A_categorical_model_gives_the_same_bytes_for_the_same_context_and_actions()
    {
        using var model = WorldModel.Load(CategoricalCheckpoint.Value);
        Assert.Equal(SixFrames(model, 5), SixFrames(model, 6));                                   // greedy codes: the seed draws nothing
    }

    [Fact]
    public void A_categorical_model_sampling_at_a_temperature_is_fixed_by_the_seed()
    {
        var dir = TestRuns.TempDir();
        foreach (var file in Directory.GetFiles(CategoricalCheckpoint.Value)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        var manifest = Path.Combine(dir, Orrery.Model.Checkpoints.Checkpoint.ManifestName);
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!;
        root["config"]!["dynamics"]!["sampleTemperature"] = 5.0;                  // hot: the draws decide, not the weights
        File.WriteAllText(manifest, root.ToJsonString());
        using var model = WorldModel.Load(dir);
        Assert.Equal(SixFrames(model, 5), SixFrames(model, 5));
        Assert.NotEqual(SixFrames(model, 5), SixFrames(model, 6));
    }

    [Fact]
    public void Draws_tied_by_colour_group_are_fixed_by_the_seed_and_a_batch_draws_as_each_state_alone()
    {
        var hot = TestRuns.WithDynamics(CategoricalCheckpoint.Value, "sampleTemperature", 5.0);    // hot: the draws decide, not the weights
        using var model = WorldModel.Load(TestRuns.WithDynamics(hot, "sampleColourGroups", 4));
        Assert.Equal(SixFrames(model, 5), SixFrames(model, 5));
        Assert.NotEqual(SixFrames(model, 5), SixFrames(model, 6));
        var (frames, actions) = Clip(0, 2);
        using var s1 = model.Begin(frames, actions, seed: 7);
        using var s2 = model.Begin(frames, actions, seed: 8);
        using var c1 = model.Fork(s1);
        using var c2 = model.Fork(s2);
        for (var step = 0; step < 3; step++)
        {
            var batched = model.StepFrames([s1, s2], 1, 1);
            AssertClose(model.StepFrames([c1], 1)[0], batched[0]);
            AssertClose(model.StepFrames([c2], 1)[0], batched[1]);
        }
    }

    [Theory]
    [InlineData(DynamicsHead.Flow)]
    [InlineData(DynamicsHead.Categorical)]
    public void A_saved_rollout_state_continues_like_the_original(DynamicsHead head)
    {
        using var model = WorldModel.Load(CheckpointOf(head));
        var (frames, actions) = Clip(2, 4);
        using var state = model.Begin(frames, actions, 11);
        model.StepFrames([state], 1);
        using var buffer = new MemoryStream();
        model.Save(state, buffer);
        buffer.Position = 0;
        using var loaded = model.Restore(buffer);
        Assert.Equal(state.FrameIndex, loaded.FrameIndex);
        for (var i = 0; i < 5; i++) Assert.Equal(model.StepFrames([state], 2)[0], model.StepFrames([loaded], 2)[0]);
    }

    [Fact]
    public void Different_actions_give_different_frames_and_reconstruct_keeps_the_shape()
    {
        using var model = WorldModel.Load(RegressionCheckpoint.Value);
        var (frames, actions) = Clip(0, 3);
        using var a = model.Begin(frames, actions, 1);
        using var b = model.Begin(frames, actions, 1);
        Assert.NotEqual(model.StepFrames([a], 1)[0], model.StepFrames([b], 2)[0]);
        Assert.Equal(model.Spec.FrameBytes, model.Reconstruct(frames[0]).Length);
    }

    [Fact]
    public void Bf16_inference_runs_and_stays_close_to_fp32()
    {
        using var fp32 = WorldModel.Load(RegressionCheckpoint.Value);
        using var bf16 = WorldModel.Load(RegressionCheckpoint.Value, new WorldModelOptions { Precision = NumericPrecision.Bf16 });
        var (frames, actions) = Clip(0, 3);
        using var a = fp32.Begin(frames, actions, 1);
        using var b = bf16.Begin(frames, actions, 1);
        var fa = fp32.StepFrames([a], 2)[0];
        var fb = bf16.StepFrames([b], 2)[0];
        Assert.True(Orrery.Model.Metrics.Psnr.Compute(fa, fb) > 25);
    }

    [Fact]
    public void The_identity_covers_the_sampling_settings_and_the_precision_not_only_the_weights()
    {
        var dir = CategoricalCheckpoint.Value;
        using var model = WorldModel.Load(dir);
        using var again = WorldModel.Load(dir);
        using var bf16 = WorldModel.Load(dir, new WorldModelOptions { Precision = NumericPrecision.Bf16 });
        using var carried = WorldModel.Load(TestRuns.WithDynamics(dir, "sampleNoiseCorrelation", 0.5));
        Assert.Equal(model.IdentityHash, again.IdentityHash);
        Assert.Equal(model.Manifest.WeightsSha256, carried.Manifest.WeightsSha256);
        Assert.NotEqual(model.IdentityHash, carried.IdentityHash);
        Assert.NotEqual(model.IdentityHash, bf16.IdentityHash);
    }

    [Fact]
    public void Action_guidance_changes_the_frames_deterministically_and_a_scale_of_one_or_less_is_refused()
    {
        var dir = FlowCheckpoint.Value;
        using var plain = WorldModel.Load(dir);
        using var guided = WorldModel.Load(TestRuns.WithDynamics(dir, "actionGuidance", 3));
        Assert.Equal(SixFrames(guided, 5), SixFrames(guided, 5));
        Assert.NotEqual(SixFrames(plain, 5), SixFrames(guided, 5));
        var e = Assert.Throws<OrreryException>(() => WorldModel.Load(TestRuns.WithDynamics(dir, "actionGuidance", 0.5)).Dispose());
        Assert.Contains("dynamics.actionGuidance=0.5", e.Message);
    }

    [Fact]
    public void An_unknown_action_is_a_clear_error()
    {
        using var model = WorldModel.Load(RegressionCheckpoint.Value);
        var (frames, actions) = Clip(0, 1);
        using var s = model.Begin(frames, actions, 1);
        var e = Assert.Throws<OrreryException>(() => model.StepFrames([s], 9));
        Assert.Contains("unknown action [9]", e.Message);
        Assert.Throws<OrreryException>(() => model.Step([s], [ActionVector.Continuous(0.5f, 0.5f)]));
    }

    [Fact]
    public void A_grey_non_square_world_with_box_actions_steps_and_predicts_its_streams()
    {
        var world = new WorldSpec
        {
            Environment = "test",
            Observation = new ObservationSpec(16, 24, 1),
            Actions = new BoxActionSpace(["x", "y"], [-1f, -1f], [1f, 1f]),
            Streams = [new StreamSpec("state", ["x", "y"], "px", "the square's corner")],
        };
        var config = TestRuns.Tiny(streamHeads: ["state"]);
        TorchSharp.torch.manual_seed(3);
        var network = new WorldModelNetwork(config, world);
        using (TorchSharp.torch.no_grad())
            foreach (var p in network.parameters()) p.normal_(0, 0.05);   // untrained adaLN-Zero blocks ignore actions
        using var model = WorldModel.FromNetwork(network, new Orrery.Model.Checkpoints.CheckpointManifest { Config = config, World = world, WeightsSha256 = "in-memory" });
        var frame = Enumerable.Range(0, 16 * 24).Select(i => (byte)(i % 251)).ToArray();
        using var a = model.Begin([frame, frame], [ActionVector.Unknown, ActionVector.Continuous(0.5f, 0f)], 1);
        using var b = model.Fork(a);

        var left = model.Step([a], [ActionVector.Continuous(-1f, 0f)])[0];
        var right = model.Step([b], [ActionVector.Continuous(1f, 0f)])[0];
        Assert.Equal(16 * 24, left.Frame.Length);
        Assert.Equal(2, left.Streams["state"].Length);
        Assert.NotEqual(left.Frame, right.Frame);
        Assert.NotEqual(left.Streams["state"], right.Streams["state"]);
        Assert.Equal(16 * 24, model.Step([a], [ActionVector.Unknown])[0].Frame.Length);   // action-free steps take unknown
        Assert.Contains("outside [-1, 1]", Assert.Throws<OrreryException>(() => model.Step([a], [ActionVector.Continuous(2f, 0f)])).Message);
        Assert.Contains("expected 2 numbers", Assert.Throws<OrreryException>(() => model.Step([a], [ActionVector.Discrete(1)])).Message);
    }

    private static void AssertClose(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(worst <= 1, $"batched and separate frames differ by up to {worst} levels");
    }
}
