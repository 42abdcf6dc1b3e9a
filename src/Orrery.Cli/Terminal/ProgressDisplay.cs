using System.Diagnostics;
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
        Output.Stderr.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(unit),
                     new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(total, 1e-9));
                result = work(new ProgressTracker(title, total, unit, plain: false) { Task = task });
                task.Value = task.MaxValue;
            });
        return result;
    }

    public static void Run(string title, double total, string unit, Action<ProgressTracker> work) =>
        Run<int>(title, total, unit, t => { work(t); return 0; });

    private sealed class RateColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup($"[cyan]{task.Speed ?? 0:0.0} {Markup.Escape(unit)}/s[/]");
    }
}

/// <summary>Handle given to long work: advance it, and optionally show a status such as the latest loss.</summary>
public sealed class ProgressTracker
{
    private readonly string title;
    private readonly string unit;
    private readonly bool plain;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private double total;
    private double done;
    private TimeSpan lastLine = TimeSpan.Zero;

    internal ProgressTracker(string title, double total, string unit, bool plain)
    {
        this.title = title;
        this.total = total;
        this.unit = unit;
        this.plain = plain;
    }

    internal ProgressTask? Task { get; init; }

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

    public void Advance(double amount = 1) => Set(done + amount);

    public void Set(double value)
    {
        done = value;
        if (Task is { } t)
        {
            t.Value = Math.Min(value, t.MaxValue);
            t.Description = Status.Length == 0 ? Markup.Escape(title) : $"{Markup.Escape(title)} [grey]{Markup.Escape(Status)}[/]";
        }
        else if (plain && (clock.Elapsed - lastLine > TimeSpan.FromSeconds(5) || done >= total))
        {
            lastLine = clock.Elapsed;
            var rate = (done - Baseline) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            var eta = rate > 0 ? TimeSpan.FromSeconds(Math.Max(total - done, 0) / rate) : TimeSpan.Zero;
            Console.Error.WriteLine($"{title}: {done:0}/{total:0} {unit} ({rate:0.0} {unit}/s, ETA {eta:hh\\:mm\\:ss}) {Status}".TrimEnd());
        }
    }
}
