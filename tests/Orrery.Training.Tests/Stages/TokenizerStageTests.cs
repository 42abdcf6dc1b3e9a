using Orrery.Model.Tests;
using Orrery.Training.Validation;

namespace Orrery.Training.Tests.Stages;

public class TokenizerStageTests
{
    [Fact]
    public void Tiny_tokenizer_overfits_a_16_frame_clip_to_30_dB_within_300_steps()
    {
        var clip = SyntheticData.MovingSquare(1, 16);
        var cfg = TestRuns.Tiny(tokenizerSteps: 300, dynamicsSteps: 1);
        using var trainer = new Trainer(cfg, clip, null, TestRuns.TempDir(), new TrainOptions { WriteMetrics = false, StopAfterStep = 300, Threads = 1 });
        trainer.Run();
        var psnr = ValidationPsnr.Reconstruction(trainer.Network!, clip);
        Assert.True(psnr >= 30, $"reconstruction PSNR {psnr:0.0} dB after 300 steps");
    }
}
