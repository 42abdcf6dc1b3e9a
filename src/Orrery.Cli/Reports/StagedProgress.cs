using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Orrery.Cli.Terminal;
using Orrery.Evaluation.Protocols;

namespace Orrery.Cli.Reports;

/// <summary>
/// Progress for multi-stage work (eval, bench): one bar per stage, each with its own rate and ETA. The work runs on a
/// worker thread and reports (stage, done, total, unit); this thread opens a new <see cref="ProgressDisplay"/> bar
/// whenever the stage changes, so plain-line mode (redirected stderr) stays right too.
/// </summary>
public static class StagedProgress
{
    private readonly record struct Update(string Stage, double Done, double Total, string Unit);

    public static T Run<T>(Func<EvalProgress, T> work, string title = "eval")
    {
        using var updates = new BlockingCollection<Update>();
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var worker = new Thread(() =>
        {
            try
            {
                result = work((stage, done, total, unit) => updates.Add(new Update(stage, done, total, unit)));
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                updates.CompleteAdding();
            }
        }) { Name = title, IsBackground = true };
        worker.Start();

        Update? next = updates.TryTake(out var first, Timeout.Infinite) ? first : null;
        while (next is { } current)
        {
            next = null;
            ProgressDisplay.Run($"{title}: {current.Stage}", current.Total, current.Unit, tracker =>
            {
                tracker.Set(current.Done);
                while (updates.TryTake(out var u, Timeout.Infinite))
                {
                    if (u.Stage != current.Stage || u.Total != current.Total)
                    {
                        next = u;
                        return;
                    }
                    tracker.Set(u.Done);
                }
            });
        }
        worker.Join();
        error?.Throw();
        return result;
    }
}
