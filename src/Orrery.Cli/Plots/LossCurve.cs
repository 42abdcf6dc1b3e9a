using System.Text.Json;
using Orrery.Core.IO;

namespace Orrery.Cli.Plots;

/// <summary>RUN_DIR/loss.png: log10 of the training loss per step for each stage, from metrics.jsonl.</summary>
public static class LossCurve
{
    public static void Write(string metricsPath, string pngPath)
    {
        if (!File.Exists(metricsPath)) return;
        var series = new SortedDictionary<int, List<(double Step, double Loss)>>();
        foreach (var line in File.ReadLines(metricsPath))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!root.TryGetProperty("loss", out var loss) || loss.ValueKind != JsonValueKind.Number) continue;
            var stage = root.GetProperty("stage").GetInt32();
            if (!series.TryGetValue(stage, out var list)) series[stage] = list = [];
            list.Add((root.GetProperty("step").GetDouble(), Math.Log10(Math.Max(loss.GetDouble(), 1e-12))));
        }
        var plot = new ScottPlot.Plot();
        foreach (var (stage, points) in series)
        {
            var sorted = points.GroupBy(p => p.Step).Select(g => g.Last()).OrderBy(p => p.Step).ToArray();   // a resumed run may repeat steps
            var line = plot.Add.ScatterLine(sorted.Select(p => p.Step).ToArray(), sorted.Select(p => p.Loss).ToArray());
            line.LegendText = stage == 1 ? "stage 1: tokenizer" : "stage 2: dynamics";
        }
        plot.Title("training loss");
        plot.XLabel("step");
        plot.YLabel("log10 loss");
        plot.ShowLegend();
        var tmp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(pngPath))!, $".loss-{Guid.NewGuid():N}.png");
        plot.SavePng(tmp, 900, 500);
        AtomicFile.WriteAllBytes(pngPath, File.ReadAllBytes(tmp));
        File.Delete(tmp);
    }
}
