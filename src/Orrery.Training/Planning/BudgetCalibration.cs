namespace Orrery.Training.Planning;

/// <summary>
/// Turns a stage's share of a time budget into a step count, from the speed measured over steps 10..30 of the stage
/// in this process (the first steps are slow while libtorch warms up; the learning-rate warm-up does not depend on the
/// count), and ends the stage early when the machine gets slower than measured.
/// </summary>
public sealed class BudgetCalibration
{
    private const int CalibrationStart = 10;
    private const int CalibrationEnd = 30;

    private readonly double targetSeconds;
    private readonly double cutoffSeconds;
    private double startSeconds;

    private BudgetCalibration(double targetSeconds, double cutoffSeconds)
    {
        this.targetSeconds = targetSeconds;
        this.cutoffSeconds = cutoffSeconds;
    }

    /// <summary>
    /// The calibration of one stage under a budget of `budgetSeconds` for the whole run, or null when the stage has a
    /// fixed count: the tokenizer aims at its share and gives up at 110% of it; the dynamics aims at 97% of the whole
    /// budget (keeping about 3% for the final validation and saving) and stops at 99%; the decoder is never timed.
    /// </summary>
    public static BudgetCalibration? ForStage(int stage, double? budgetSeconds, double tokenizerTimeShare, double reservedSeconds = 0) =>
        (stage, budgetSeconds) switch
        {
            (_, null) or (3, _) => null,
            (1, { } b) => new BudgetCalibration(b * tokenizerTimeShare - reservedSeconds, b * tokenizerTimeShare * 1.1),
            (_, { } b) => new BudgetCalibration(b * 0.97, b * 0.99),
        };

    /// <summary>
    /// After a step: `stepsThisRun` steps of the stage done in this process over `stageSeconds`, `local` steps of the
    /// stage done in all, `elapsedSeconds` of the whole run's budget spent. Returns the stage's count, found or cut.
    /// </summary>
    public long? Observe(long? count, long stepsThisRun, double stageSeconds, long local, double elapsedSeconds)
    {
        if (count is null && stepsThisRun == CalibrationStart) startSeconds = stageSeconds;
        if (count is null && stepsThisRun == CalibrationEnd)
        {
            var rate = (CalibrationEnd - CalibrationStart) / Math.Max(stageSeconds - startSeconds, 1e-9);
            count = Math.Max(local, (long)(rate * (targetSeconds - elapsedSeconds)) + local);
        }
        if (count is { } c && c > local && elapsedSeconds > cutoffSeconds) count = local;
        return count;
    }
}
