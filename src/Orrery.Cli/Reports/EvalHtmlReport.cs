using System.Globalization;
using System.Net;
using System.Text;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Data.Preview;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Cli.Reports;

/// <summary>
/// One self-contained HTML page for an eval run: every plot (PNG) and animation (GIF) is embedded as a base64 data URI,
/// and every figure is captioned with the command line and the model (path + weights sha256) that made it.
/// </summary>
public static class EvalHtmlReport
{
    /// <summary>Pictures beyond the report's numbers: the judge's example frames and the loops as played, all of frames of <paramref name="Spec"/>.</summary>
    public sealed record Pictures(ObservationSpec Spec, IReadOnlyList<PlausibilityProtocol.Sample> JudgeSamples, IReadOnlyList<LoopClosureProtocol.Loop> Loops);

    public static void Write(string path, EvalReport report, IReadOnlyList<Rollout> modelRollouts, Pictures? pictures) =>
        AtomicFile.WriteAllText(path, Render(report, modelRollouts, pictures));

    public static string Render(EvalReport r, IReadOnlyList<Rollout> modelRollouts, Pictures? pictures)
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
                <table><tr><th>real accuracy</th><th>generated accuracy</th><th>ratio</th><th>chance</th><th>held-out accuracy (random actions)</th><th>pairs</th><th>excluded (no visible effect)</th></tr>
                <tr><td>{idm.RealAccuracy:P1}</td><td>{idm.GeneratedAccuracy:P1}</td><td>{(idm.Ratio is { } ratio ? ratio.ToString("0.000", CultureInfo.InvariantCulture) : "-")}</td><td>{idm.Chance:P1}</td><td>{idm.HeldOutAccuracy:P1}</td><td>{idm.RealPairs}</td><td>{idm.ExcludedPairs}</td></tr></table>
                <p>Pairs whose real frames are identical under an action other than the no-op are left out (that action looked like the no-op). IDM cached in <code>{E(idm.CacheFolder)}</code>{(idm.Cached ? " (reused)" : " (trained in this run)")}. {caption}</p>
                """);
        }
        if (r.Plausibility is { } judge)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <h2>Plausibility (the judge)</h2><p>A small CNN learns to tell real frames from the model's at the same frame of {judge.Rollouts} rollouts per policy
                (frames t..t+{judge.Window - 1} of each), against as many real episodes with other seeds; its accuracy on held-out rollouts is shown
                (balanced classes: 0.5 = indistinguishable, 1 = always told apart), ± one standard error.</p>
                <table><tr><th>policy</th><th>frame</th><th>judge accuracy</th><th>frames per class (train / test)</th></tr>
                """);
            foreach (var p in judge.Points) html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Policy)}</td><td>{p.Frame}</td><td>{Score(p.Judge)}</td><td>{p.Judge.TrainPerClass} / {p.Judge.TestPerClass}</td></tr>");
            html.Append("</table><h3>Calibration: the same judge on real frames against real frames and against made failures</h3><table><tr><th>real against</th><th>policy, frame</th><th>judge accuracy</th></tr>");
            foreach (var c in judge.Calibration) html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Against)}</td><td>{E(c.Policy)}, {c.Frame}</td><td>{Score(c.Judge)}</td></tr>");
            html.Append("</table>");
            Figure(html, Png(EvalPlots.JudgeByFrame(judge)), "Judge accuracy vs frame index, with the real-against-real calibration (dashed).", caption);
            if (pictures is { JudgeSamples.Count: > 0 })
                Rows(html, pictures.JudgeSamples.Select(x => (x.Label, x.Frames)).ToArray(), pictures.Spec, "What the judge saw: the first frame of each window, one rollout per column.", caption);
        }
        if (r.LoopClosure is { } loop)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <h2>Geometry and memory (loops)</h2><p>Geometry loops in seen worlds; memory loops in worlds {string.Join(", ", loop.MemoryWorlds)}
                ({(loop.MemoryWorldsUnseen ? "never trained on" : "seen: pass --unseen-worlds to test memory where the layout cannot come from the weights")}).
                PSNR in dB; "judged real" is the fraction of frames from departure to return that the judge calls real (truth's in brackets);
                "streams at return" is the MAE of each stream the model predicts at the return frame (for a memory keyed by the pose: whether the model knows it is back).</p>
                <table><tr><th>loop</th><th>world</th><th>away (s)</th><th>steps out</th><th>return vs generated departure</th><th>return vs true departure</th><th>truth vs truth</th><th>along the way vs truth</th><th>judged real</th><th>streams at return</th></tr>
                """);
            foreach (var (name, l) in LoopRows(loop))
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{name}</td><td>{l.World}</td><td>{l.SecondsAway:0.0}</td><td>{l.StepsOut}</td><td>{l.ReturnVsGeneratedDeparture:0.00}</td><td>{l.ReturnVsTrueDeparture:0.00}</td><td>{l.TrueReturnVsTrueDeparture:0.00}</td><td>{l.AlongTheWayPsnr:0.00}</td><td>{Judged(l)}</td><td>{ReturnStreams(l)}</td></tr>");
            html.Append("</table>");
            if (loop.Corridor.Count + loop.TurnAwayAndBack.Count > 0) Figure(html, Png(EvalPlots.PsnrByTimeAway(loop)), "PSNR of the return frame against the true departure frame vs time away.", caption);
            foreach (var l in (pictures?.Loops ?? []).Where(l => l.Plan.Kind is LoopClosureProtocol.Turn360 or LoopClosureProtocol.TurnOutAndBack).Take(2))
            {
                var steps = Enumerable.Range(0, 9).Select(i => l.Plan.Departure + i * (l.Plan.Return - l.Plan.Departure) / 8).ToArray();
                Rows(html, [("truth", steps.Select(t => l.Rollout.Truth[t].Frame).ToArray()), ("model", steps.Select(t => l.Rollout.Generated[t].Frame).ToArray())], l.Rollout.Spec,
                     $"{l.Plan.Kind}, world {l.Plan.World}: every {(l.Plan.Return - l.Plan.Departure) / 8}th frame from departure (left) to return (right).", caption);
            }
            foreach (var kind in new[] { LoopClosureProtocol.TurnAwayAndBack, LoopClosureProtocol.Corridor })
            {
                var loops = (pictures?.Loops ?? []).Where(l => l.Plan.Kind == kind && l.Plan.World == loop.MemoryWorlds[0]).OrderBy(l => l.Plan.SecondsAway).ToArray();
                if (loops.Length == 0) continue;
                Rows(html, [("true departure", loops.Select(l => l.Rollout.Truth[l.Plan.Departure].Frame).ToArray()),
                            ("model return", loops.Select(l => l.Rollout.Generated[l.Plan.Return].Frame).ToArray())], loops[0].Rollout.Spec,
                     $"{kind}, world {loops[0].Plan.World}: the view left and the model's view on return, after {string.Join(", ", loops.Select(l => l.Plan.SecondsAway.ToString("0.#", CultureInfo.InvariantCulture)))} s away.", caption);
            }
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

    private static IEnumerable<(string Name, LoopResult Loop)> LoopRows(LoopClosureReport loop) =>
        loop.Turn360.Select(l => ("turn 360", l)).Concat(loop.TurnOutAndBack.Select(l => ("turn 180 and back", l)))
            .Concat(loop.TurnAwayAndBack.Select(l => ("turn 180, wait, turn back", l))).Concat(loop.Corridor.Select(l => ("corridor out and back", l)));

    private static string Judged(LoopResult l) =>
        l.JudgedReal is { } j ? string.Create(CultureInfo.InvariantCulture, $"{j:0.00} ({l.TruthJudgedReal:0.00})") : "-";

    private static string ReturnStreams(LoopResult l) =>
        l.ReturnStreams.Count == 0 ? "-" : string.Join(", ", l.ReturnStreams.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value.Mae:0.000}")));

    private static string Score(JudgeScore s) => string.Create(CultureInfo.InvariantCulture, $"{s.Accuracy:0.000} ± {s.StandardError:0.000}");

    // One labelled strip of frames per row, upscaled so a 64x64 frame reads at a glance.
    private static void Rows(StringBuilder html, IReadOnlyList<(string Label, IReadOnlyList<byte[]> Frames)> rows, ObservationSpec spec, string text, string caption)
    {
        html.Append("<figure><table>");
        foreach (var (label, frames) in rows.Where(x => x.Frames.Count > 0))
        {
            var (pixels, h, w) = ContactSheet.Compose(frames, spec.Height, spec.Width, spec.Channels, frames.Count, Math.Max(1, 96 / spec.Height));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(label)}</td><td><img src=\"{Png(PngWriter.Encode(pixels, h, w, spec.Channels))}\" alt=\"{E(label)}\"></td></tr>");
        }
        html.Append(CultureInfo.InvariantCulture, $"</table><figcaption>{E(text)}<br>{caption}</figcaption></figure>\n");
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
