using System.Globalization;
using System.Net;
using System.Text;
using Orrery.Core.Spaces;
using Orrery.Data.Preview;
using Orrery.Evaluation.Policies;

namespace Orrery.Cli.Reports;

/// <summary>policy-eval's pictures: a truth | model GIF per policy, and the HTML page that shows them under the table.</summary>
public static class PolicyEvalReport
{
    // truth | model for each policy's first episode; the shorter side holds its last frame
    public static IReadOnlyList<(string Policy, string File)> WriteGifs(string reportPath, IReadOnlyList<PolicyEvaluation.PolicyRuns> runs, ObservationSpec spec, int fps)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        var stem = Path.GetFileNameWithoutExtension(reportPath);
        var files = new List<(string, string)>();
        foreach (var run in runs)
        {
            var truth = run.TruthExample.Observations.Select(o => o.Frame).ToList();
            var model = run.ModelExample.Observations.Select(o => o.Frame).ToList();
            while (truth.Count < model.Count) truth.Add(truth[^1]);
            while (model.Count < truth.Count) model.Add(model[^1]);
            var pair = SideBySide.Compose(truth, model, spec.Height, spec.Width, spec.Channels);
            var file = $"{stem}-{run.Score.Name.Replace(':', '_').Replace('/', '_')}.gif";
            GifWriter.Write(Path.Combine(dir, file), pair.Frames, pair.Height, pair.Width, pair.Channels, fps, Math.Max(1, 192 / spec.Height));
            files.Add((run.Score.Name, file));
        }
        return files;
    }

    public static string Html(string env, string modelDir, IReadOnlyList<PolicyScore> scores, PolicyEvalSummary summary, IReadOnlyList<(string Policy, string File)> gifs)
    {
        static string F(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
        var html = new StringBuilder();
        html.Append($"<!doctype html><meta charset=utf-8><title>policy-eval {WebUtility.HtmlEncode(env)}</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;text-align:right}figure{display:inline-block;margin:8px}</style>")
            .Append($"<h1>Policies inside {WebUtility.HtmlEncode(modelDir)} against the truth ({WebUtility.HtmlEncode(env)})</h1>")
            .Append("<table><tr><th>policy</th><th>truth</th><th>model</th><th>gap</th><th>truth s</th><th>model s</th></tr>");
        foreach (var p in scores)
            html.Append($"<tr><td>{WebUtility.HtmlEncode(p.Name)}</td><td>{F(p.TruthSuccess)}</td><td>{F(p.ModelSuccess)}</td><td>{F(p.ModelSuccess - p.TruthSuccess)}</td><td>{p.TruthSeconds:0.0}</td><td>{p.ModelSeconds:0.0}</td></tr>");
        html.Append($"</table><p>Spearman &rho; {F(summary.Spearman)}, Pearson r {F(summary.Pearson)}, largest gap {F(summary.LargestGap)}; targets (&rho; &ge; {PolicyEvaluation.TargetSpearman}, gap &le; {PolicyEvaluation.TargetGap}) {(summary.TargetsMet ? "met" : "missed")}.</p>")
            .Append("<h2>First episode of each policy: truth (left) | model (right)</h2>");
        foreach (var (policy, file) in gifs)
            html.Append($"<figure><img src=\"{WebUtility.HtmlEncode(file)}\"><figcaption>{WebUtility.HtmlEncode(policy)}</figcaption></figure>");
        return html.ToString();
    }
}
