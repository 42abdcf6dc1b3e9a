using Orrery.Evaluation.Reports;
using ScottPlot;

namespace Orrery.Cli.Reports;

/// <summary>The eval report's figures as PNG bytes (ScottPlot): PSNR vs horizon, PSNR vs time away, stability traces.</summary>
public static class EvalPlots
{
    private const int Width = 720;
    private const int Height = 420;

    /// <summary>Mean PSNR at each horizon (log2 axis), one line per predictor, ±1 std as error bars.</summary>
    public static byte[] PsnrByHorizon(GroupFidelity group, string title)
    {
        var plot = new Plot();
        foreach (var p in group.Predictors)
        {
            var xs = p.Horizons.Select(h => Math.Log2(h.Horizon)).ToArray();
            var ys = p.Horizons.Select(h => h.Psnr.Mean).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = p.Name;
            var bars = plot.Add.ErrorBar(xs, ys, p.Horizons.Select(h => h.Psnr.Std).ToArray());
            bars.Color = line.Color;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var h in group.Predictors[0].Horizons) ticks.AddMajor(Math.Log2(h.Horizon), h.Horizon.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        return Png(plot, title, "horizon (frames after the context)", "PSNR (dB)");
    }

    /// <summary>PSNR of the return frame against the departure frame (generated and true) vs seconds away.</summary>
    public static byte[] PsnrByTimeAway(LoopClosureReport loop)
    {
        var plot = new Plot();
        var worlds = loop.Corridor.Select(c => c.World).Distinct();
        foreach (var w in worlds)
        {
            var runs = loop.Corridor.Where(c => c.World == w).OrderBy(c => c.SecondsAway).ToArray();
            var xs = runs.Select(c => c.SecondsAway).ToArray();
            var gen = plot.Add.Scatter(xs, runs.Select(c => c.ReturnVsGeneratedDeparture).ToArray());
            gen.LegendText = $"world {w}: vs generated departure";
            var real = plot.Add.Scatter(xs, runs.Select(c => c.ReturnVsTrueDeparture).ToArray());
            real.LegendText = $"world {w}: vs true departure";
            real.LinePattern = LinePattern.Dashed;
        }
        return Png(plot, "loop closure: corridor A -> B -> A", "time away (s)", "PSNR of the return frame (dB)");
    }

    /// <summary>Variance and edge energy over the rollout (generated), with the true frames' variance for reference.</summary>
    public static byte[] Stability(StabilityReport s)
    {
        var plot = new Plot();
        var xs = s.Trace.Select(t => (double)t.Frame).ToArray();
        plot.Add.Scatter(xs, s.Trace.Select(t => t.Variance).ToArray()).LegendText = "variance (generated)";
        var truth = plot.Add.Scatter(xs, s.Trace.Select(t => t.TruthVariance).ToArray());
        truth.LegendText = "variance (truth)";
        truth.LinePattern = LinePattern.Dashed;
        plot.Add.Scatter(xs, s.Trace.Select(t => t.EdgeEnergy).ToArray()).LegendText = "edge energy (mean |Sobel|)";
        plot.Add.Scatter(xs, s.Trace.Select(t => t.Mean).ToArray()).LegendText = "mean";
        if (s.Trace.All(t => t.ReconstructionMse is not null))
            plot.Add.Scatter(xs, s.Trace.Select(t => t.ReconstructionMse!.Value).ToArray()).LegendText = "tokenizer reconstruction MSE";
        foreach (var e in new[] { s.Collapse, s.Explosion })
            if (e is not null) plot.Add.VerticalLine(e.Frame).LegendText = $"frame {e.Frame}: {e.Reason}";
        return Png(plot, $"stability under '{s.Policy}' actions, world {s.World}", "frame", "value (pixels on [0, 1])");
    }

    /// <summary>PSNR at each predicted step of the video protocol, one line per predictor.</summary>
    public static byte[] VideoPsnrByStep(VideoPredictionReport v)
    {
        var plot = new Plot();
        foreach (var p in v.Predictors)
            plot.Add.Scatter(Enumerable.Range(1, p.PsnrPerStep.Count).Select(i => (double)i).ToArray(), p.PsnrPerStep.ToArray()).LegendText = p.Name;
        return Png(plot, $"video prediction: {v.Context} context frames", "predicted step", "PSNR (dB)");
    }

    private static byte[] Png(Plot plot, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
