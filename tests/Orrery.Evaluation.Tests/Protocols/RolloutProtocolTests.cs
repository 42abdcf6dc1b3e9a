using Orrery.Core.Spaces;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;
using Orrery.Evaluation.Tests.TestWorlds;
using Orrery.Environments.Policies;

namespace Orrery.Evaluation.Tests.Protocols;

public class RolloutProtocolTests
{
    [Fact]
    public void Lockstep_and_replay_give_the_same_frames_and_context_frames_are_real()
    {
        var env = new ShiftingTexture();
        var predictor = new MeanFrame(env.ObservationSpec);
        var lockstep = LockstepRollout.Run(predictor, [new LockstepRollout.Episode(env, PolicyRegistry.Create("random", env), 0, 9)], 20, 3, 0)[0];
        var replayed = Replay.Run(predictor, [lockstep with { Generated = lockstep.Truth.Take(3).ToArray() }], 0)[0];
        Assert.Equal(20, lockstep.Generated.Count);
        Assert.Equal(-1, lockstep.Actions[0]);
        for (var t = 0; t < 3; t++) Assert.Equal(lockstep.Truth[t], lockstep.Generated[t]);
        for (var t = 0; t < 20; t++) Assert.Equal(lockstep.Generated[t], replayed.Generated[t]);
    }

    [Fact]
    public void Stability_flags_collapse_at_the_first_flat_generated_frame()
    {
        var env = new ShiftingTexture();
        var report = StabilityProtocol.Run(env, PolicyRegistry.Create("random", env), "random", 0, new FixedPicture(env.ObservationSpec, Enumerable.Repeat((byte)128, env.ObservationSpec.FrameBytes).ToArray()), null,
                                           frames: 30, context: 4, seed: 1, modelSeed: 0);
        Assert.Equal(4, report.Collapse?.Frame);
        Assert.Null(report.Explosion);
        Assert.True(report.RealRange.VarianceMin > 0 && report.RealRange.MeanMax >= report.RealRange.MeanMin);
        Assert.Equal(0.0, report.InRangeFraction);   // a flat frame has variance 0, below every real frame's
        Assert.Equal(0.0, report.InWorldRangeFraction);
        Assert.All(report.Trace, s => Assert.Null(s.ReconstructionMse));
    }

    [Fact]
    public void Copy_last_on_a_static_video_scores_perfectly_in_the_video_protocol()
    {
        var spec = new ObservationSpec(16, 16, 3);
        var frame = Enumerable.Range(0, spec.FrameBytes).Select(i => (byte)(i * 7)).ToArray();
        var seq = new Rollout(0, 0, spec, 10, Enumerable.Repeat(frame, 20).ToArray(), [], Enumerable.Repeat(-1, 20).ToArray());
        var report = VideoPredictionProtocol.Run([seq, seq], [new CopyLastFrame(spec)], 10, 0);
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
        var elsewhere = new ShiftingTexture().Reset(1 + StabilityProtocol.ReferenceEpisodes);   // the last reference episode's texture
        var report = StabilityProtocol.Run(env, PolicyRegistry.Create("random", env), "random", 0, new FixedPicture(env.ObservationSpec, elsewhere), null,
                                           frames: 30, context: 4, seed: 1, modelSeed: 0);
        Assert.Equal(0.0, report.InRangeFraction);        // scrolling keeps one texture's mean and variance, so the rollout's range is one point
        Assert.Equal(1.0, report.InWorldRangeFraction);
        Assert.True(report.WorldRange.MeanMin <= report.RealRange.MeanMin && report.WorldRange.VarianceMax >= report.RealRange.VarianceMax);
    }

    /// <summary>Shows one picture for every generated frame.</summary>
    private sealed class FixedPicture(ObservationSpec spec, byte[] picture) : IFramePredictor
    {
        public string Name => "model";

        public ObservationSpec Spec => spec;

        public PredictorState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed) =>
            new CopyLastFrame(spec).Begin(contextFrames, contextActions, seed);

        public IReadOnlyList<byte[]> Step(IReadOnlyList<PredictorState> states, IReadOnlyList<int> actions) =>
            states.Select(_ => picture).ToArray();

        public IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions) => frames.Skip(1).ToArray();
    }
}
