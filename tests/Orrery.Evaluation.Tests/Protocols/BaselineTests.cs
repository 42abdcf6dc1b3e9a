using Orrery.Core.Spaces;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Tests.Protocols;

public class BaselineTests
{
    private static readonly ObservationSpec Spec = new(16, 16, 3);

    [Fact]
    public void Copy_last_baseline_is_perfect_on_a_static_scene()
    {
        var frame = new byte[Spec.FrameBytes];
        new Random(5).NextBytes(frame);
        var truth = Enumerable.Repeat(frame, 12).ToArray();
        var recorded = new Rollout(0, 0, Spec, 4, truth, truth.Take(4).ToArray(), [-1, .. Enumerable.Repeat(0, 11)]);
        var result = FidelityProtocol.Score([recorded], [new CopyLastFrame(Spec)], [1, 4, 8], modelSeed: 0, "test");
        foreach (var h in result.Report.Predictors[0].Horizons)
        {
            Assert.Equal(Orrery.Evaluation.Metrics.Psnr.Cap, h.Psnr.Mean);
            Assert.Equal(1.0, h.Ssim.Mean, 12);
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
    public void Null_action_predictor_passes_only_null_actions()
    {
        var spy = new ActionSpy(Spec);
        var wrapped = new NullActionPredictor(spy);
        var state = wrapped.Begin([new byte[Spec.FrameBytes]], [-1], 0);
        wrapped.Step([state], [3]);
        Assert.Equal([-1], spy.Seen);
    }

    private sealed class ActionSpy(ObservationSpec spec) : IFramePredictor
    {
        public List<int> Seen { get; } = [];

        public string Name => "spy";

        public ObservationSpec Spec => spec;

        public PredictorState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed) => new CopyLastFrame(spec).Begin(contextFrames, contextActions, seed);

        public IReadOnlyList<byte[]> Step(IReadOnlyList<PredictorState> states, IReadOnlyList<int> actions)
        {
            Seen.AddRange(actions);
            return new CopyLastFrame(spec).Step(states, actions);
        }

        public IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions) => frames.Skip(1).ToArray();
    }
}
