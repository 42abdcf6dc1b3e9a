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
    private readonly Func<double> reservedSeconds;
    private double startSeconds;

    private BudgetCalibration(double targetSeconds, double cutoffSeconds, Func<double> reservedSeconds)
    {
        this.targetSeconds = targetSeconds;
        this.cutoffSeconds = cutoffSeconds;
        this.reservedSeconds = reservedSeconds;
    }

    /// <summary>
    /// The calibration of one stage under a budget of `budgetSeconds` for the whole run, or null when the stage has a
    /// fixed count: the tokenizer aims at its share less the work that must follow it before the next stage can step
    /// (encoding the latents; `nextStageBeginSeconds`, estimated when the speed is measured) and gives up at 110% of
    /// its share; the dynamics aims at 97% of the whole budget (keeping about 3% for the final validation and saving)
    /// and stops at 99%; the decoder is never timed.
    /// </summary>
    public static BudgetCalibration? ForStage(int stage, double? budgetSeconds, double tokenizerTimeShare, Func<double> nextStageBeginSeconds) =>
        (stage, budgetSeconds) switch
        {
            (_, null) or (3, _) => null,
            (1, { } b) => new BudgetCalibration(b * tokenizerTimeShare, b * tokenizerTimeShare * 1.1, nextStageBeginSeconds),
            (_, { } b) => new BudgetCalibration(b * 0.97, b * 0.99, () => 0),
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
            count = Math.Max(local, (long)(rate * (targetSeconds - reservedSeconds() - elapsedSeconds)) + local);
        }
        if (count is { } c && c > local && elapsedSeconds > cutoffSeconds) count = local;
        return count;
    }
}
