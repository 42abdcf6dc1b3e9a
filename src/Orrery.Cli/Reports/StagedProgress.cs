using Orrery.Cli.Terminal;
using Orrery.Evaluation.Protocols;

namespace Orrery.Cli.Reports;

/// <summary>
/// One progress bar for multi-stage work (eval, bench): the bar shows the current stage's fraction, and the status
/// names the stage and its count, e.g. "stability: random 1200/10000 frames".
/// </summary>
public static class StagedProgress
{
    public static T Run<T>(Func<EvalProgress, T> work, string title = "eval") =>
        ProgressDisplay.Run(title, 100, "%", tracker => work((stage, done, total, unit) =>
        {
            tracker.Status = $"{stage} {done:0}/{total:0} {unit}";
            tracker.Set(total > 0 ? Math.Min(100, 100 * done / total) : 100);
        }));
}
