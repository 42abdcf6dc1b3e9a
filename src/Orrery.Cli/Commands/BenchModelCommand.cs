using System.CommandLine;
using System.Text.Json;
using Orrery.Cli.Reports;
using Orrery.Cli.Terminal;
using Orrery.Core.IO;
using Orrery.Environments;
using Orrery.Evaluation.Benchmarks;
using Orrery.Evaluation.Protocols;
using Orrery.Model.Checkpoints;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>`orrery bench model`: interactive fps and latency (batch 1 and S sessions), training throughput, FLOP/s vs the matmul ceiling, fp32 vs bf16, peak memory.</summary>
public static class BenchModelCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint folder.", Required = true };
        var env = new Option<string>("--env") { Description = "Environment that supplies context frames and actions.", DefaultValueFactory = _ => "maze" };
        var sessions = new Option<string>("--sessions") { Description = "Session counts to batch together.", DefaultValueFactory = _ => "1,2,4,8" };
        var json = new Option<string?>("--json") { Description = "Write the numbers as JSON to this file." };
        var command = new Command("model", "Benchmark a checkpoint: stepping latency and fps, batching, training throughput, FLOP/s, bf16.") { model, env, sessions, json };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(model)!;
            var spec = Checkpoint.ReadManifest(dir).Observation;
            var environment = EnvironmentRegistry.Create(parse.GetValue(env)!, 0, spec.Height);
            ModelBenchmark.CheckEnvironment(dir, environment);
            var counts = WorldList.Parse(parse.GetValue(sessions)!, "--sessions").Where(s => s > 0).Distinct().ToList();
            if (!counts.Contains(1)) counts.Insert(0, 1);
            var report = StagedProgress.Run(p => ModelBenchmark.Run(dir, environment, counts, p), "bench model");
            if (parse.GetValue(json) is { } path)
                AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, Output.Json) + "\n");
            Render(report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(ModelBenchReport r)
    {
        var o = Output.Stdout;
        o.MarkupLine($"[bold]model[/] {Markup.Escape(r.Model)} (weights sha256 {r.WeightsSha256[..Math.Min(12, r.WeightsSha256.Length)]}), {r.Threads} torch threads");
        var t = new Table().RoundedBorder().Title("interactive stepping").AddColumns("precision", "sessions", "p50 ms", "p99 ms", "fps (all sessions)", "fps per session");
        foreach (var s in r.Interactive)
            t.AddRow(s.Precision, $"{s.Sessions}", $"{s.P50Ms:0.00}", $"{s.P99Ms:0.00}", $"{s.FramesPerSecond:0.0}", $"{s.PerSessionFps:0.0}");
        o.Write(t);
        var tr = r.Training;
        o.MarkupLine($"training: tokenizer {tr.TokenizerFramesPerSecond:0.0} frames/s ({tr.TokenizerStepMs:0.0} ms/step, batch {tr.TokenizerBatch}); " +
                     $"dynamics {tr.DynamicsFramesPerSecond:0.0} frames/s ({tr.DynamicsStepMs:0.0} ms/step, batch {tr.DynamicsBatch} x {tr.DynamicsFramesPerWindow} frames)");
        o.MarkupLine($"matmul {r.Ceiling.Size}^2: fp32 {r.Ceiling.Fp32Gflops:0.0} GFLOP/s, bf16 {r.Ceiling.Bf16Gflops:0.0} GFLOP/s");
        var d = r.Dynamics;
        o.MarkupLine($"dynamics step: {d.GflopPerFrame * 1000:0.00} MFLOP/frame (N={d.TokensPerFrame}, D={d.Width}, L={d.Depth}, K={d.ContextFrames}), " +
                     $"achieved {d.AchievedGflops:0.00} GFLOP/s = {d.FractionOfFp32Ceiling:P2} of the fp32 ceiling");
        var p = r.Precision;
        o.MarkupLine($"bf16 vs fp32: {p.Bf16Fps:0.0} vs {p.Fp32Fps:0.0} fps (x{p.Speedup:0.00}); PSNR bf16 vs fp32 over {p.Frames} frames: mean {p.MeanPsnrBf16VsFp32:0.00} dB, last {p.LastPsnrBf16VsFp32:0.00} dB");
        o.MarkupLine($"peak memory (VmHWM): {r.PeakMemoryMiB:0} MiB");
    }
}
