using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Environments.Policies;
using Orrery.Evaluation.Plausibility;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Tests.Plausibility;

public class PlausibilityJudgeTests
{
    private static readonly ObservationSpec Spec = new(64, 64, 3);

    // Small but honest: 24 episodes of each kind, 10 frames apiece (every 4th of 40), the default width-16 judge, 400 steps.
    private static readonly JudgeOptions Tiny = new() { Steps = 400, Width = 16, BatchSize = 32, Seed = 11 };

    private static readonly Lazy<(byte[][][] A, byte[][][] B)> Real = new(() => (Episodes(0), Episodes(500)));

    private static byte[][][] Episodes(int firstSeed) =>
        Enumerable.Range(0, 24).Select(i =>
        {
            var env = EnvironmentRegistry.Create("maze", i % 4);
            var frames = new List<byte[]>();
            GroundTruth.Walk(env, PolicyRegistry.Create("random", env, null), firstSeed + i, 40, (t, o, _) =>
            {
                if (t % 4 == 3) frames.Add(o.Frame);
            });
            return frames.ToArray();
        }).ToArray();

    private static double Accuracy(Func<byte[], byte[]> corrupt)
    {
        var (a, b) = Real.Value;
        using var judge = PlausibilityJudge.Train(Spec, b, a.Select(g => g.Select(corrupt).ToArray()).ToArray(), Tiny);
        return judge.Score.Accuracy;
    }

    [Fact]
    public void Judge_cannot_tell_real_frames_from_real_frames_of_other_seeds()
    {
        var accuracy = Accuracy(f => f);
        // 60 + 60 held-out frames from 6 + 6 episodes: one standard error is about 0.065 at 0.5.
        Assert.InRange(accuracy, 0.3, 0.7);
    }

    [Fact]
    public void Judge_tells_gaussian_blur_from_real_frames()
    {
        var accuracy = Accuracy(f => FrameCorruption.GaussianBlur(f, Spec, 1.5));
        Assert.True(accuracy > 0.85, $"blurred frames judged with accuracy {accuracy:0.00}; PSNR would reward them");
    }

    [Fact]
    public void Judge_tells_horizontal_smear_from_real_frames()
    {
        var accuracy = Accuracy(f => FrameCorruption.MotionBlur(f, Spec, 9));
        // the hardest of the three for so small a judge (0.75 here): still four standard errors above chance
        Assert.True(accuracy > 0.7, $"smeared frames judged with accuracy {accuracy:0.00}");
    }

    [Fact]
    public void Judge_tells_vertical_stripes_from_real_frames()
    {
        var accuracy = Accuracy(f => FrameCorruption.VerticalStripes(f, Spec, 32));
        Assert.True(accuracy > 0.9, $"striped frames judged with accuracy {accuracy:0.00}; the frame-statistics check passed them");
    }

    [Fact]
    public void Stripes_repeat_one_row_and_blur_keeps_a_flat_frame_flat()
    {
        var frame = Real.Value.A[0][0];
        var striped = FrameCorruption.VerticalStripes(frame, Spec, 10);
        var row = 64 * 3;
        Assert.All(Enumerable.Range(0, 64), y => Assert.Equal(frame.AsSpan(10 * row, row).ToArray(), striped.AsSpan(y * row, row).ToArray()));
        var flat = Enumerable.Repeat((byte)77, Spec.FrameBytes).ToArray();
        Assert.Equal(flat, FrameCorruption.GaussianBlur(flat, Spec, 2));
        Assert.Equal(flat, FrameCorruption.MotionBlur(flat, Spec, 5));
    }
}
