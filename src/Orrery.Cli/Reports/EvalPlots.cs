using Orrery.Evaluation.Reports;
using ScottPlot;

namespace Orrery.Cli.Reports;

/// <summary>The eval report's figures as PNG bytes (ScottPlot): PSNR vs horizon, PSNR vs time away, judge accuracy vs frame, stability traces.</summary>
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

    /// <summary>PSNR of the return frame against the true departure frame vs seconds away, per memory loop and world.</summary>
    public static byte[] PsnrByTimeAway(LoopClosureReport loop)
    {
        var plot = new Plot();
        foreach (var (name, results, pattern) in new[] { ("corridor", loop.Corridor, LinePattern.Solid), ("turn away", loop.TurnAwayAndBack, LinePattern.Dashed) })
            foreach (var w in results.Select(c => c.World).Distinct())
            {
                var runs = results.Where(c => c.World == w).OrderBy(c => c.SecondsAway).ToArray();
                var line = plot.Add.Scatter(runs.Select(c => c.SecondsAway).ToArray(), runs.Select(c => c.ReturnVsTrueDeparture).ToArray());
                line.LegendText = $"{name}, world {w}";
                line.LinePattern = pattern;
            }
        return Png(plot, "memory: the return view against the view left", "time away (s)", "PSNR of the return frame (dB)");
    }

    /// <summary>Judge accuracy (±1 standard error) vs frame index (log axis), one line per policy; the real-against-real calibration dashed.</summary>
    public static byte[] JudgeByFrame(PlausibilityReport judge)
    {
        var plot = new Plot();
        foreach (var policy in judge.Points.Select(p => p.Policy).Distinct())
        {
            var points = judge.Points.Where(p => p.Policy == policy).OrderBy(p => p.Frame).ToArray();
            var xs = points.Select(p => Math.Log10(p.Frame)).ToArray();
            var ys = points.Select(p => p.Judge.Accuracy).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = $"model, {policy}";
            plot.Add.ErrorBar(xs, ys, points.Select(p => p.Judge.StandardError).ToArray()).Color = line.Color;
        }
        foreach (var c in judge.Calibration)
        {
            var level = plot.Add.HorizontalLine(c.Judge.Accuracy);
            level.LegendText = $"real vs {c.Against}";
            level.LinePattern = LinePattern.Dashed;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var f in judge.Points.Select(p => p.Frame).Distinct()) ticks.AddMajor(Math.Log10(f), f.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        var lowest = judge.Points.Select(p => p.Judge).Concat(judge.Calibration.Select(c => c.Judge)).Min(j => j.Accuracy - j.StandardError);
        plot.Axes.SetLimitsY(Math.Min(0.4, lowest - 0.05), 1.02);   // a judge below chance is noise, and must stay in view
        return Png(plot, "plausibility: judge accuracy (0.5 = indistinguishable)", "frame of the rollout", "held-out accuracy");
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
