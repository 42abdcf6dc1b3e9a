using Orrery.Training.Planning;

namespace Orrery.Training.Tests.Planning;

public class BudgetCalibrationTests
{
    // Steps 10..30 take 2 s: 10 steps/s.
    private static long? Calibrate(BudgetCalibration calibration, double elapsedAtStep30)
    {
        long? count = null;
        for (var step = 1; step <= 30; step++)
            count = calibration.Observe(count, step, step <= 10 ? 1.0 : 1.0 + (step - 10) * 0.1, step, step == 30 ? elapsedAtStep30 : 1);
        return count;
    }

    [Fact]
    public void The_tokenizer_gets_its_share_of_the_budget_at_the_speed_of_steps_10_to_30()
    {
        var calibration = BudgetCalibration.ForStage(1, budgetSeconds: 100, tokenizerTimeShare: 0.35, () => 0)!;

        Assert.Equal(30 + 10 * (35 - 3), Calibrate(calibration, elapsedAtStep30: 3));
    }

    [Fact]
    public void The_tokenizer_share_leaves_room_for_encoding_the_latents()
    {
        var calibration = BudgetCalibration.ForStage(1, budgetSeconds: 100, tokenizerTimeShare: 0.35, () => 12)!;

        Assert.Equal(30 + 10 * (35 - 12 - 3), Calibrate(calibration, elapsedAtStep30: 3));
    }

    [Fact]
    public void The_dynamics_aims_at_97_percent_of_the_whole_budget()
    {
        var calibration = BudgetCalibration.ForStage(2, budgetSeconds: 100, tokenizerTimeShare: 0.35, () => 0)!;

        Assert.Equal(30 + 10 * (97 - 50), Calibrate(calibration, elapsedAtStep30: 50));
    }

    [Fact]
    public void A_stage_past_its_cutoff_ends_at_once_and_the_decoder_is_never_timed()
    {
        var calibration = BudgetCalibration.ForStage(2, budgetSeconds: 100, tokenizerTimeShare: 0.35, () => 0)!;

        Assert.Equal(40, calibration.Observe(500, 45, 5, 40, elapsedSeconds: 99.5));
        Assert.Null(BudgetCalibration.ForStage(3, budgetSeconds: 100, tokenizerTimeShare: 0.35, () => 0));
        Assert.Null(BudgetCalibration.ForStage(1, budgetSeconds: null, tokenizerTimeShare: 0.35, () => 0));
    }
}
