using Orrery.Cli.Terminal;
using Orrery.Evaluation.Reports;
using Spectre.Console;

namespace Orrery.Cli.Reports;

/// <summary>The human tables of `orrery eval`: the same numbers as --json, fewer decimals.</summary>
public static class EvalSummary
{
    public static void Render(EvalReport r)
    {
        var o = Output.Stdout;
        o.MarkupLine($"[bold]model[/] {Markup.Escape(r.Model.ToString())}");
        if (r.Fidelity is { } f)
        {
            Fidelity(o, "seen worlds", f.Seen);
            if (f.Unseen is { } u) Fidelity(o, "unseen worlds", u);
        }
        if (r.TeacherForced is { } tf)
        {
            var t = new Table().RoundedBorder().Title("teacher-forced next frame").AddColumns("predictor", "PSNR (dB)", "SSIM");
            foreach (var p in tf) t.AddRow(p.Name, Pm(p.Psnr, "0.00"), Pm(p.Ssim, "0.000"));
            o.Write(t);
        }
        if (r.Idm is { } idm)
        {
            var t = new Table().RoundedBorder().Title("inverse dynamics (action controllability)").AddColumns("real acc", "generated acc", "ratio", "chance", "held-out acc", "pairs", "excluded");
            t.AddRow($"{idm.RealAccuracy:P1}", $"{idm.GeneratedAccuracy:P1}", idm.Ratio is { } ratio ? $"{ratio:0.000}" : "-", $"{idm.Chance:P1}",
                     $"{idm.HeldOutAccuracy:P1}", $"{idm.RealPairs}", $"{idm.ExcludedPairs}");
            o.Write(t);
        }
        if (r.Plausibility is { } judge)
        {
            var t = new Table().RoundedBorder().Title($"plausibility judge: held-out accuracy, 0.5 = indistinguishable ({judge.Rollouts} rollouts x {judge.Window} frames)")
                               .AddColumns("real against", "policy", "frame", "accuracy ± s.e.");
            foreach (var p in judge.Points) t.AddRow("model", p.Policy, $"{p.Frame}", Judge(p.Judge));
            foreach (var c in judge.Calibration) t.AddRow(Markup.Escape(c.Against), c.Policy, $"{c.Frame}", Judge(c.Judge));
            o.Write(t);
        }
        if (r.LoopClosure is { } loop)
        {
            var t = new Table().RoundedBorder().Title($"geometry and memory loops: PSNR (dB); memory in worlds {string.Join(",", loop.MemoryWorlds)}{(loop.MemoryWorldsUnseen ? " (unseen)" : "")}")
                               .AddColumns("loop", "world", "away (s)", "vs generated departure", "vs true departure", "truth vs truth", "along the way", "judged real");
            foreach (var (name, l) in new[] { ("turn 360", loop.Turn360), ("turn 180 and back", loop.TurnOutAndBack), ("turn 180, wait, back", loop.TurnAwayAndBack) }
                         .SelectMany(x => x.Item2.Select(l => (x.Item1, l)))
                         .Concat(loop.Corridor.Select(l => ($"corridor ({l.StepsOut} steps out)", l))))
                t.AddRow(name, $"{l.World}", $"{l.SecondsAway:0.0}", $"{l.ReturnVsGeneratedDeparture:0.00}", $"{l.ReturnVsTrueDeparture:0.00}", $"{l.TrueReturnVsTrueDeparture:0.00}",
                         $"{l.AlongTheWayPsnr:0.00}", l.JudgedReal is { } j ? $"{j:0.00} (truth {l.TruthJudgedReal:0.00})" : "-");
            o.Write(t);
        }
        if (r.Stability is { } stability)
        {
            var t = new Table().RoundedBorder().Title("long-horizon stability").AddColumns("policy", "frames", "last variance", "last edge energy", "in range: rollout", "in range: world", "collapse", "explosion");
            foreach (var s in stability)
            {
                var last = s.Trace[^1];
                t.AddRow(s.Policy, $"{s.Frames}", $"{last.Variance:0.0000} (truth {last.TruthVariance:0.0000})", $"{last.EdgeEnergy:0.000}",
                         $"{s.InRangeFraction:P1}", $"{s.InWorldRangeFraction:P1} (variance {s.WorldRange.VarianceMin:0.0000}-{s.WorldRange.VarianceMax:0.0000})",
                         Markup.Escape(s.Collapse is { } c ? $"frame {c.Frame}: {c.Reason}" : "none"),
                         Markup.Escape(s.Explosion is { } e ? $"frame {e.Frame}: {e.Reason}" : "none"));
            }
            o.Write(t);
        }
        if (r.VideoPrediction is { } v)
        {
            var t = new Table().RoundedBorder().Title($"video prediction: {v.Sequences} sequences, {v.Context} context -> {v.Horizon} frames")
                                .AddColumns("predictor", "PSNR (dB)", "SSIM (7x7)", "MSE / frame", "MAE / frame");
            foreach (var p in v.Predictors) t.AddRow(p.Name, $"{p.Psnr:0.00}", $"{p.Ssim:0.000}", $"{p.Mse:0.0}", $"{p.Mae:0.0}");
            o.Write(t);
        }
    }

    private static void Fidelity(IAnsiConsole o, string title, GroupFidelity g)
    {
        var t = new Table().RoundedBorder().Title($"open-loop fidelity, {title} ({string.Join(",", g.Worlds)}; {g.Episodes} episodes): PSNR dB / SSIM")
                           .AddColumn("horizon");
        foreach (var p in g.Predictors) t.AddColumn(p.Name);
        foreach (var h in g.Predictors[0].Horizons.Select(h => h.Horizon))
            t.AddRow([$"{h}", .. g.Predictors.Select(p => p.Horizons.First(x => x.Horizon == h)).Select(x => $"{x.Psnr.Mean:0.00} ± {x.Psnr.Std:0.00} / {x.Ssim.Mean:0.000}")]);
        o.Write(t);
    }

    private static string Judge(JudgeScore s) => $"{s.Accuracy:0.000} ± {s.StandardError:0.000}";

    private static string Pm(MeanStd m, string format) => $"{m.Mean.ToString(format)} ± {m.Std.ToString(format)}";
}
