using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orrery.Cli.Terminal;

/// <summary>
/// Progress for long work, on stderr: a Spectre.Console bar with rate and ETA on a terminal, and
/// periodic plain lines when stderr is redirected (CI logs, pipes).
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs work that reports progress through the given tracker; the status text can carry live metrics.</summary>
    public static T Run<T>(string title, double total, string unit, Func<ProgressTracker, T> work)
    {
        if (Console.IsErrorRedirected)
            return work(new ProgressTracker(title, total, unit, plain: true));
        T result = default!;
        var tracker = new ProgressTracker(title, total, unit);
        Output.Stderr.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(tracker, unit),
                     new ElapsedTimeColumn(), new EtaColumn(tracker))
            .Start(ctx =>
            {
                tracker.Task = ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(total, 1e-9));
                result = work(tracker);
                tracker.Task.Value = tracker.Task.MaxValue;
            });
        return result;
    }

    public static void Run(string title, double total, string unit, Action<ProgressTracker> work) =>
        Run<int>(title, total, unit, t => { work(t); return 0; });

    // Spectre's own rate and remaining-time columns count every change of the task's value, so a resumed run's jump
    // to its saved step would read as progress; these read the tracker, which counts from its baseline.
    private sealed class RateColumn(ProgressTracker tracker, string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup($"[cyan]{tracker.Rate:0.0} {Markup.Escape(unit)}/s[/]");
    }

    private sealed class EtaColumn(ProgressTracker tracker) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup(tracker.Remaining is { } eta ? $"[blue]{eta:hh\\:mm\\:ss}[/]" : "[blue]-:--:--[/]");
    }
}

/// <summary>Handle given to long work: advance it, and optionally show a status such as the latest loss.</summary>
public sealed class ProgressTracker
{
    private readonly string title;
    private readonly string unit;
    private readonly bool plain;
    private readonly TimeProvider time;
    private readonly long started;
    private double total;
    private double done;
    private TimeSpan lastLine = TimeSpan.Zero;

    /// <summary>A tracker that shows nothing itself unless `plain` (then it prints a line every 5 s).</summary>
    public ProgressTracker(string title, double total, string unit, bool plain = false, TimeProvider? time = null)
    {
        this.title = title;
        this.total = total;
        this.unit = unit;
        this.plain = plain;
        this.time = time ?? TimeProvider.System;
        started = this.time.GetTimestamp();
    }

    internal ProgressTask? Task { get; set; }

    /// <summary>Short live text (e.g. "loss 0.031 | val PSNR 27.4 dB") shown next to the bar.</summary>
    public string Status { get; set; } = "";

    public double Done => done;

    /// <summary>Where this process started counting (a resumed run's step): the rate and ETA count from here.</summary>
    public double Baseline { get; set; }

    /// <summary>The amount at 100%; work that learns its size late (a resumed run reads its plan) sets it.</summary>
    public double Total
    {
        get => total;
        set
        {
            total = value;
            if (Task is { } t) t.MaxValue = Math.Max(value, 1e-9);
        }
    }

    /// <summary>Units per second done by this process: counted from Baseline, not from 0.</summary>
    public double Rate => (done - Baseline) / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>Time left at the current rate; null until there is a rate.</summary>
    public TimeSpan? Remaining => Rate > 0 ? TimeSpan.FromSeconds(Math.Max(total - done, 0) / Rate) : null;

    private TimeSpan Elapsed => time.GetElapsedTime(started);

    public void Advance(double amount = 1) => Set(done + amount);

    public void Set(double value)
    {
        done = value;
        if (Task is { } t)
        {
            t.Value = Math.Min(value, t.MaxValue);
            t.Description = Status.Length == 0 ? Markup.Escape(title) : $"{Markup.Escape(title)} [grey]{Markup.Escape(Status)}[/]";
        }
        else if (plain && (Elapsed - lastLine > TimeSpan.FromSeconds(5) || done >= total))
        {
            lastLine = Elapsed;
            var eta = Remaining ?? TimeSpan.Zero;
            Console.Error.WriteLine($"{title}: {done:0}/{total:0} {unit} ({Rate:0.0} {unit}/s, ETA {eta:hh\\:mm\\:ss}) {Status}".TrimEnd());
        }
    }
}
