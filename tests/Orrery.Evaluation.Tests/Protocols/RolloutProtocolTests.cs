using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Evaluation.Baselines;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;
using Orrery.Evaluation.Tests.TestWorlds;
using Orrery.Environments.Policies;

namespace Orrery.Evaluation.Tests.Protocols;

public class RolloutProtocolTests
{
    [Fact]
    public void Lockstep_and_replay_give_the_same_observations_and_pass_every_action_in_order()
    {
        var env = new ShiftingTexture();
        using var simulator = new ShiftingTextureSimulator();
        var lockstep = LockstepRollout.Run(simulator, [new LockstepRollout.Episode(env, PolicyRegistry.Create("random", env), 0, 9)], 20, 3, 0)[0];
        var replayed = Replay.Run(simulator, [lockstep with { Generated = lockstep.Truth.Take(3).ToArray() }], 0)[0];
        Assert.Equal(20, lockstep.Generated.Count);
        Assert.True(lockstep.Actions[0].IsUnknown);
        for (var t = 0; t < 3; t++) Assert.Same(lockstep.Truth[t], lockstep.Generated[t]);
        // The simulator is perfect, so any dropped or shifted action would part it from the truth.
        for (var t = 0; t < 20; t++)
        {
            Assert.Equal(lockstep.Truth[t].Frame, lockstep.Generated[t].Frame);
            Assert.Equal(lockstep.Truth[t].Streams[StreamNames.State], lockstep.Generated[t].Streams[StreamNames.State]);
            Assert.Equal(lockstep.Generated[t].Frame, replayed.Generated[t].Frame);
        }
        var shifted = lockstep with { Actions = [.. lockstep.Actions.Take(4), .. lockstep.Actions.Skip(3).Take(16)] };
        var misaligned = Replay.Run(simulator, [shifted], 0)[0];
        Assert.Contains(Enumerable.Range(4, 16), t => !lockstep.Truth[t].Frame.AsSpan().SequenceEqual(misaligned.Generated[t].Frame));
    }

    [Fact]
    public void Teacher_forcing_begins_from_the_real_frames_and_steps_with_the_recorded_action()
    {
        var env = new ShiftingTexture();
        var (truth, actions) = GroundTruth.Record(env, PolicyRegistry.Create("random", env), 5, 12);
        using var simulator = new ShiftingTextureSimulator();
        var predicted = TeacherForcing.Predict(simulator, 3, truth, actions);
        Assert.Equal(truth.Count - 1, predicted.Count);
        for (var i = 0; i < predicted.Count; i++) Assert.Equal(truth[1 + i].Frame, predicted[i].Frame);
        using var mean = new MeanFrame(ShiftingTexture.World);
        var means = TeacherForcing.Predict(mean, 2, truth, actions);
        Assert.Equal(truth[0].Frame, means[0].Frame);   // frame 1 from frame 0 alone
        Assert.Equal(MeanFrame.Mean([truth[4].Frame, truth[5].Frame]), means[5].Frame);   // frame 6 from frames 4 and 5
    }

    [Fact]
    public void Fidelity_scores_each_predicted_stream_against_the_truth()
    {
        var recorded = FidelityProtocol.Record(_ => new ShiftingTexture(), e => PolicyRegistry.Create("random", e), [0], 3, 1, 12, 2);
        using var simulator = new ShiftingTextureSimulator();
        using var copyLast = new CopyLastFrame(ShiftingTexture.World);
        using var mean = new MeanFrame(ShiftingTexture.World);
        var report = FidelityProtocol.Score(recorded, [simulator, copyLast, mean], [1, 10], 0, "test").Report;
        Assert.All(report.Predictors[0].Horizons, h => Assert.Equal(0.0, h.Streams[StreamNames.State].Mae));
        Assert.True(report.Predictors[1].Horizons[^1].Streams[StreamNames.State].Mae > 0);   // the random walk moved off the copied offset
        Assert.All(report.Predictors[2].Horizons, h => Assert.Empty(h.Streams));
    }

    [Fact]
    public void Stability_flags_collapse_at_the_first_flat_generated_frame()
    {
        var env = new ShiftingTexture();
        using var flat = new FixedPicture(Enumerable.Repeat((byte)128, env.Spec.Observation.FrameBytes).ToArray());
        var report = StabilityProtocol.Run(env, PolicyRegistry.Create("random", env), "random", 0, flat, null, frames: 30, context: 4, seed: 1, modelSeed: 0);
        Assert.Equal(4, report.Collapse?.Frame);
        Assert.Null(report.Explosion);
        Assert.True(report.RealRange.VarianceMin > 0 && report.RealRange.MeanMax >= report.RealRange.MeanMin);
        Assert.Equal(0.0, report.InRangeFraction);   // a flat frame has variance 0, below every real frame's
        Assert.Equal(0.0, report.InWorldRangeFraction);
        Assert.All(report.Trace, s => Assert.Null(s.ReconstructionMse));
    }

    [Fact]
    public void Stability_reports_the_error_of_each_predicted_stream_over_the_rollout()
    {
        var env = new ShiftingTexture();
        using var simulator = new ShiftingTextureSimulator();
        using var copyLast = new CopyLastFrame(ShiftingTexture.World);
        StabilityReport Run(ISimulator s) => StabilityProtocol.Run(env, PolicyRegistry.Create("random", env), "random", 0, s, null, frames: 30, context: 4, seed: 1, modelSeed: 0);
        Assert.Equal(0.0, Run(simulator).Streams[StreamNames.State].Mae);
        Assert.True(Run(copyLast).Streams[StreamNames.State].Mae > 0);
    }

    [Fact]
    public void Copy_last_on_a_static_video_scores_perfectly_in_the_video_protocol()
    {
        var spec = ShiftingTexture.World.Observation;
        var frame = new Observation(Enumerable.Range(0, spec.FrameBytes).Select(i => (byte)(i * 7)).ToArray(), StreamValues.Empty);
        var seq = new Rollout(0, 0, spec, 10, Enumerable.Repeat(frame, 20).ToArray(), [], Enumerable.Repeat(ActionVector.Unknown, 20).ToArray());
        using var copyLast = new CopyLastFrame(ShiftingTexture.World);
        var report = VideoPredictionProtocol.Run([seq, seq], [copyLast], 10, 0);
        var score = report.Predictors[0];
        Assert.Equal(100.0, score.Psnr);
        Assert.Equal(1.0, score.Ssim, 12);
        Assert.Equal(0.0, score.Mse);
        Assert.Equal(10, score.PsnrPerStep.Count);
    }

    [Theory]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("1,4,16", new[] { 1, 4, 16 })]
    [InlineData("0-1, 5", new[] { 0, 1, 5 })]
    [InlineData("", new int[0])]
    public void World_lists_parse_ranges_and_lists(string text, int[] expected) =>
        Assert.Equal(expected, WorldList.Parse(text, "--worlds"));

    [Fact]
    public void A_bad_world_list_names_the_option_and_the_part() =>
        Assert.Contains("--worlds: '3-1'", Assert.Throws<Core.Errors.OrreryException>(() => WorldList.Parse("0,3-1", "--worlds")).Message);

    [Fact]
    public void Mean_and_std_are_population_statistics() =>
        Assert.Equal(new MeanStd(2, 1, 2), MeanStd.Of([1, 3]));

    [Fact]
    public void A_real_frame_of_the_world_from_elsewhere_is_outside_the_rollouts_range_and_inside_the_worlds()
    {
        var env = new ShiftingTexture();
        var elsewhere = new ShiftingTexture().Reset(1 + StabilityProtocol.ReferenceEpisodes).Frame;   // the last reference episode's texture
        using var picture = new FixedPicture(elsewhere);
        var report = StabilityProtocol.Run(env, PolicyRegistry.Create("random", env), "random", 0, picture, null, frames: 30, context: 4, seed: 1, modelSeed: 0);
        Assert.Equal(0.0, report.InRangeFraction);        // scrolling keeps one texture's mean and variance, so the rollout's range is one point
        Assert.Equal(1.0, report.InWorldRangeFraction);
        Assert.True(report.WorldRange.MeanMin <= report.RealRange.MeanMin && report.WorldRange.VarianceMax >= report.RealRange.VarianceMax);
    }

    /// <summary>Shows one picture for every generated frame.</summary>
    private sealed class FixedPicture(byte[] picture) : FixedFrameBaseline(ShiftingTexture.World)
    {
        public override string Name => "model";

        protected override Observation Answer(SimulatorStart start) => new(picture, StreamValues.Empty);
    }
}
