using System.Globalization;
using System.Net;
using System.Text;
using Orrery.Core.IO;
using Orrery.Data.Preview;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Cli.Reports;

/// <summary>
/// One self-contained HTML page for an eval run: every plot (PNG) and animation (GIF) is embedded as a base64 data URI,
/// and every figure is captioned with the command line and the model (path + weights sha256) that made it.
/// </summary>
public static class EvalHtmlReport
{
    public static void Write(string path, EvalReport report, IReadOnlyList<Rollout> modelRollouts) =>
        AtomicFile.WriteAllText(path, Render(report, modelRollouts));

    public static string Render(EvalReport r, IReadOnlyList<Rollout> modelRollouts)
    {
        var html = new StringBuilder();
        var caption = $"<code>{E(r.Command)}</code><br>model {E(r.Model.Path)}, weights sha256 <code>{E(r.Model.WeightsSha256)}</code>";
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Orrery eval: {{E(Path.GetFileName(r.Model.Path))}}</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; } td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
            th { background: #f3f3f3; } td:first-child, th:first-child { text-align: left; }
            figure { margin: 1em 0 2em; } figcaption { font-size: 0.85em; color: #555; } code { font-size: 0.9em; }
            img.anim { image-rendering: pixelated; }
            </style></head><body>
            <h1>Orrery evaluation</h1>
            <p>{{caption}}<br>protocol {{E(r.Protocol)}}, schema {{E(r.Schema)}}. Metrics are defined in docs/evaluation.md.</p>
            """);
        if (r.Fidelity is { } f)
        {
            html.Append("<h2>Open-loop fidelity</h2><p>The model gets the first C real frames, then only actions. Horizon h is the h-th generated frame.</p>");
            Group(html, "seen worlds", f.Seen, caption);
            if (f.Unseen is { } u) Group(html, "unseen worlds", u, caption);
        }
        if (r.TeacherForced is { } tf)
        {
            html.Append("<h2>Teacher-forced next frame</h2><table><tr><th>predictor</th><th>PSNR (dB)</th><th>SSIM</th></tr>");
            foreach (var p in tf) html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Name)}</td><td>{p.Psnr.Mean:0.00} ± {p.Psnr.Std:0.00}</td><td>{p.Ssim.Mean:0.000} ± {p.Ssim.Std:0.000}</td></tr>");
            html.Append("</table>");
        }
        if (r.Idm is { } idm)
        {
            html.Append("<h2>Action controllability (inverse-dynamics model)</h2>");
            html.Append(CultureInfo.InvariantCulture, $"""
                <table><tr><th>real accuracy</th><th>generated accuracy</th><th>ratio</th><th>chance</th><th>held-out accuracy (random actions)</th><th>pairs</th></tr>
                <tr><td>{idm.RealAccuracy:P1}</td><td>{idm.GeneratedAccuracy:P1}</td><td>{(idm.Ratio is { } ratio ? ratio.ToString("0.000", CultureInfo.InvariantCulture) : "-")}</td><td>{idm.Chance:P1}</td><td>{idm.HeldOutAccuracy:P1}</td><td>{idm.RealPairs}</td></tr></table>
                <p>IDM cached in <code>{E(idm.CacheFolder)}</code>{(idm.Cached ? " (reused)" : " (trained in this run)")}. {caption}</p>
                """);
        }
        if (r.LoopClosure is { } loop)
        {
            html.Append("<h2>Memory and loop closure</h2><table><tr><th>loop</th><th>world</th><th>away (s)</th><th>steps out</th><th>return vs generated departure (dB)</th><th>return vs true departure (dB)</th><th>truth vs truth (dB)</th></tr>");
            foreach (var (name, l) in loop.Turn360.Select(l => ("turn 360", l)).Concat(loop.Corridor.Select(l => ("corridor", l))))
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{name}</td><td>{l.World}</td><td>{l.SecondsAway:0.0}</td><td>{l.StepsOut}</td><td>{l.ReturnVsGeneratedDeparture:0.00}</td><td>{l.ReturnVsTrueDeparture:0.00}</td><td>{l.TrueReturnVsTrueDeparture:0.00}</td></tr>");
            html.Append("</table>");
            if (loop.Corridor.Count > 0) Figure(html, Png(EvalPlots.PsnrByTimeAway(loop)), "PSNR of the return frame vs time away.", caption);
        }
        if (r.Stability is { } stability)
        {
            html.Append("<h2>Long-horizon stability</h2>");
            foreach (var s in stability)
            {
                var events = $"collapse: {(s.Collapse is { } c ? $"frame {c.Frame} ({c.Reason})" : "none")}; explosion: {(s.Explosion is { } x ? $"frame {x.Frame} ({x.Reason})" : "none")}.";
                Figure(html, Png(EvalPlots.Stability(s)), $"{s.Frames} frames under '{s.Policy}' actions, sampled every {s.SampleEvery}. {events}", caption);
            }
        }
        if (r.VideoPrediction is { } v)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Video prediction ({v.Sequences} sequences, {v.Context} -> {v.Horizon})</h2><table><tr><th>predictor</th><th>PSNR (dB)</th><th>SSIM (7x7)</th><th>MSE / frame</th><th>MAE / frame</th></tr>");
            foreach (var p in v.Predictors) html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Name)}</td><td>{p.Psnr:0.00}</td><td>{p.Ssim:0.000}</td><td>{p.Mse:0.00}</td><td>{p.Mae:0.00}</td></tr>");
            html.Append("</table>");
            Figure(html, Png(EvalPlots.VideoPsnrByStep(v)), "PSNR at each predicted step.", caption);
        }
        if (modelRollouts.Count > 0)
        {
            html.Append("<h2>Best and worst episodes</h2><p>Truth left, model right; the first C frames are real.</p>");
            var ranked = modelRollouts.Select(ro => (Rollout: ro, Score: MeanPsnr(ro))).OrderByDescending(x => x.Score).ToArray();
            foreach (var (label, x) in new[] { ("best", ranked[0]), ("worst", ranked[^1]) })
                Figure(html, Gif(x.Rollout), $"{label} episode: world {x.Rollout.World}, seed {x.Rollout.Seed}, mean PSNR {x.Score.ToString("0.00", CultureInfo.InvariantCulture)} dB.", caption, "anim");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Group(StringBuilder html, string title, GroupFidelity g, string caption)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(title)}: worlds {string.Join(", ", g.Worlds)}, {g.Episodes} episodes</h3><table><tr><th>horizon</th>");
        foreach (var p in g.Predictors) html.Append(CultureInfo.InvariantCulture, $"<th>{E(p.Name)} PSNR</th><th>{E(p.Name)} SSIM</th>");
        html.Append("</tr>");
        foreach (var h in g.Predictors[0].Horizons.Select(h => h.Horizon))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{h}</td>");
            foreach (var s in g.Predictors.Select(p => p.Horizons.First(x => x.Horizon == h)))
                html.Append(CultureInfo.InvariantCulture, $"<td>{s.Psnr.Mean:0.00} ± {s.Psnr.Std:0.00}</td><td>{s.Ssim.Mean:0.000} ± {s.Ssim.Std:0.000}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
        Figure(html, Png(EvalPlots.PsnrByHorizon(g, $"PSNR vs horizon, {title}")), $"PSNR vs horizon on {title}: model and baselines (±1 std).", caption);
    }

    private static void Figure(StringBuilder html, string dataUri, string text, string caption, string cls = "") =>
        html.Append(CultureInfo.InvariantCulture, $"<figure><img class=\"{cls}\" src=\"{dataUri}\" alt=\"{E(text)}\"><figcaption>{E(text)}<br>{caption}</figcaption></figure>\n");

    private static string Png(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static string Gif(Rollout r)
    {
        var spec = r.Spec;
        var pair = SideBySide.Compose(r.Truth.Select(o => o.Frame).ToArray(), r.Generated.Select(o => o.Frame).ToArray(), spec.Height, spec.Width, spec.Channels);
        var tmp = Path.Combine(Path.GetTempPath(), $"orrery-report-{Guid.NewGuid():N}.gif");
        try
        {
            GifWriter.Write(tmp, pair.Frames, pair.Height, pair.Width, pair.Channels, 24, Math.Max(1, 128 / spec.Height));
            return "data:image/gif;base64," + Convert.ToBase64String(File.ReadAllBytes(tmp));
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    private static double MeanPsnr(Rollout r) =>
        Enumerable.Range(r.Context, r.Length - r.Context).Average(t => Evaluation.Metrics.Psnr.Compute(r.Generated[t].Frame, r.Truth[t].Frame));

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
