using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Evaluation.Baselines;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Rollouts;
using Orrery.Evaluation.Tests.TestWorlds;

namespace Orrery.Evaluation.Tests.Protocols;

public class BaselineTests
{
    private static readonly WorldSpec World = ShiftingTexture.World;

    [Fact]
    public void Copy_last_baseline_is_perfect_on_a_static_scene_frames_and_streams()
    {
        var frame = new byte[World.Observation.FrameBytes];
        new Random(5).NextBytes(frame);
        var truth = Enumerable.Repeat(new Observation(frame, new StreamValues { [StreamNames.State] = [2, 3] }), 12).ToArray();
        var recorded = new Rollout(0, 0, World.Observation, 4, truth, truth.Take(4).ToArray(),
                                   [ActionVector.Unknown, .. Enumerable.Repeat(ActionVector.Discrete(0), 11)]);
        using var copyLast = new CopyLastFrame(World);
        var result = FidelityProtocol.Score([recorded], [copyLast], [1, 4, 8], modelSeed: 0, "test");
        foreach (var h in result.Report.Predictors[0].Horizons)
        {
            Assert.Equal(Evaluation.Metrics.Psnr.Cap, h.Psnr.Mean);
            Assert.Equal(1.0, h.Ssim.Mean, 12);
            Assert.Equal(0.0, h.Streams[StreamNames.State].Mae);
        }
    }

    [Fact]
    public void Mean_frame_rounds_the_per_value_mean()
    {
        var a = new byte[] { 0, 10, 255 };
        var b = new byte[] { 1, 20, 254 };
        Assert.Equal(new byte[] { 1, 15, 255 }, MeanFrame.Mean([a, b]));
    }

    [Fact]
    public void Unknown_action_baseline_hides_the_actions_after_the_context()
    {
        var env = new ShiftingTexture();
        var start = new SimulatorStart([env.Reset(3)], [ActionVector.Unknown], 0);
        using var model = new ShiftingTextureSimulator();
        using var blind = new UnknownActionBaseline(model);
        using var seeing = model.Begin(start);
        using var hidden = blind.Begin(start);
        var up = ActionVector.Discrete(1);
        Assert.Equal(env.Step(up).Frame, model.Step([seeing], [up])[0].Frame);
        Assert.Equal(start.Context[0].Frame, blind.Step([hidden], [up])[0].Frame);   // an unknown action scrolls nothing
        Assert.Equal("unknown-action", blind.Name);
    }

    [Theory]
    [InlineData("copy-last")]
    [InlineData("mean-frame")]
    [InlineData("unknown-action")]
    public void Fork_and_restore_continue_bit_for_bit_like_the_original(string name)
    {
        using var model = TinyCheckpoint.Load();
        using ISimulator baseline = name switch
        {
            "copy-last" => new CopyLastFrame(model.World),
            "mean-frame" => new MeanFrame(model.World),
            _ => new UnknownActionBaseline(model),   // over a real model, so the state (key/value cache, noise) evolves
        };
        var env = EnvironmentRegistry.Create("maze", 0);
        var (truth, actions) = GroundTruth.Record(env, new ActionScript([ActionVector.Discrete(1), ActionVector.Discrete(3)], env.Spec.Actions!.Noop), 4, 3);
        var forward = ActionVector.Discrete(1);
        using var original = baseline.Begin(new SimulatorStart(truth, actions, 7));
        baseline.Step([original], [forward]);
        using var fork = baseline.Fork(original);
        using var saved = new MemoryStream();
        baseline.Save(original, saved);
        saved.Position = 0;
        using var restored = baseline.Restore(saved);

        var expected = Continue(baseline, original);
        Assert.Equal(expected, Continue(baseline, fork));
        Assert.Equal(expected, Continue(baseline, restored));
        Assert.Equal(expected[^1].Index, original.FrameIndex);
    }

    /// <summary>Three more steps; each frame's hash, its streams and the frame index after it.</summary>
    private static List<(string Frame, string Streams, long Index)> Continue(ISimulator simulator, SimulatorState state)
    {
        var result = new List<(string, string, long)>();
        foreach (var a in new[] { 1, 3, 0 })
        {
            var o = simulator.Step([state], [ActionVector.Discrete(a)])[0];
            result.Add((Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(o.Frame)),
                        string.Join(";", o.Streams.OrderBy(s => s.Key).Select(s => $"{s.Key}={string.Join(",", s.Value)}")), state.FrameIndex));
        }
        return result;
    }
}
