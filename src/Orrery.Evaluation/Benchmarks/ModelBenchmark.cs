using System.Diagnostics;
using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Data.Format;
using Orrery.Environments.Policies;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Training;
using Orrery.Training.Latents;
using Orrery.Training.Precision;
using Orrery.Training.Sampling;
using Orrery.Training.Stages;
using static TorchSharp.torch;

namespace Orrery.Evaluation.Benchmarks;

/// <summary>
/// Measures a checkpoint on this machine: interactive stepping (batch 1 and S sessions batched), training step
/// throughput, the libtorch matmul ceiling, the dynamics step's achieved FLOP/s, fp32 vs bf16, and peak memory.
/// Context frames and actions come from the real environment, so the model runs on the inputs it was trained for.
/// </summary>
public static class ModelBenchmark
{
    /// <summary>Steps timed per configuration (after <see cref="Warmup"/> untimed ones).</summary>
    public const int Steps = 64;

    public const int Warmup = 8;

    public static ModelBenchReport Run(string modelDir, IEnvironment env, IReadOnlyList<int> sessions, EvalProgress? progress = null)
    {
        var manifest = Checkpoint.ReadManifest(modelDir);
        var context = Math.Max(1, manifest.Config.Dynamics.ContextFrames);
        var (frames, actions) = GroundTruth.Record(env, PolicyRegistry.Create("random", env), 0, context + Steps + Warmup);

        var interactive = new List<SessionsBench>();
        IReadOnlyList<Observation> fp32Frames, bf16Frames;
        using (var fp32 = WorldModel.Load(modelDir, new WorldModelOptions { Precision = NumericPrecision.Fp32 }))
        {
            foreach (var s in sessions)
                interactive.Add(Interactive(fp32, "fp32", s, frames, actions, context, progress));
            fp32Frames = Rollout(fp32, frames, actions, context);
        }
        using (var bf16 = WorldModel.Load(modelDir, new WorldModelOptions { Precision = NumericPrecision.Bf16 }))
        {
            interactive.Add(Interactive(bf16, "bf16", 1, frames, actions, context, progress));
            bf16Frames = Rollout(bf16, frames, actions, context);
        }
        var psnr = fp32Frames.Select((f, i) => Psnr.Compute(bf16Frames[i].Frame, f.Frame)).ToArray();
        var fp32Fps = interactive.First(b => b.Precision == "fp32" && b.Sessions == 1).FramesPerSecond;
        var bf16Fps = interactive.First(b => b.Precision == "bf16").FramesPerSecond;
        var precision = new PrecisionComparison(fp32Fps, bf16Fps, bf16Fps / fp32Fps, psnr.Length, psnr.Average(), psnr[^1]);

        progress?.Invoke("training step", 0, 1, "stages");
        var training = Training(manifest, frames, actions);
        progress?.Invoke("matmul ceiling", 0, 1, "sizes");
        var ceiling = Ceiling(2048);
        var dynamics = Flops(modelDir, manifest, fp32Fps, ceiling);
        return new ModelBenchReport(Path.GetFullPath(modelDir), manifest.WeightsSha256, get_num_threads(), interactive, training, ceiling, dynamics,
                                    precision, PeakMemoryMiB());
    }

    private static SimulatorStart Start(List<Observation> frames, List<ActionVector> actions, int context, long seed) =>
        new(frames.Take(context).ToArray(), actions.Take(context).ToArray(), seed);

    private static SessionsBench Interactive(WorldModel model, string precision, int sessions, List<Observation> frames, List<ActionVector> actions,
                                             int context, EvalProgress? progress)
    {
        var states = Enumerable.Range(0, sessions).Select(s => model.Begin(Start(frames, actions, context, s))).ToArray();
        var times = new List<double>();
        try
        {
            for (var i = 0; i < Warmup + Steps; i++)
            {
                var a = Enumerable.Repeat(actions[context + i], sessions).ToArray();
                var clock = Stopwatch.StartNew();
                model.Step(states, a);
                if (i >= Warmup) times.Add(clock.Elapsed.TotalMilliseconds);
                progress?.Invoke($"interactive {precision} x{sessions}", i + 1, Warmup + Steps, "steps");
            }
        }
        finally
        {
            foreach (var s in states) s.Dispose();
        }
        var mean = times.Average();
        return new SessionsBench(precision, sessions, times.Count, TimeSummary.Percentile(times, 0.5), TimeSummary.Percentile(times, 0.99), mean,
                                 sessions * 1000.0 / mean, 1000.0 / mean);
    }

    private static IReadOnlyList<Observation> Rollout(WorldModel model, List<Observation> frames, List<ActionVector> actions, int context)
    {
        using var state = model.Begin(Start(frames, actions, context, 0));
        var result = new List<Observation>();
        for (var t = context; t < frames.Count; t++) result.Add(model.Step([state], [actions[t]])[0]);
        return result;
    }

    private static TrainingBench Training(CheckpointManifest manifest, List<Observation> frames, List<ActionVector> actions)
    {
        var world = manifest.World;
        var streams = world.Streams.ToDictionary(s => s.Name, s => frames.SelectMany(o => o.Streams[s.Name]).ToArray());
        var episode = new Episode(0, world.Observation, frames.SelectMany(o => o.Frame).ToArray(), actions.ToArray(), streams);
        var corpus = new TrainingCorpus(world, [episode], ["bench"]);
        var config = manifest.Config;
        manual_seed(config.Train.Seed);
        using var network = new WorldModelNetwork(config, world);
        using var latents = new LatentCache(corpus, corpus);
        using var shadow = new PrecisionShadow(network, config);
        using var tokenizer = new TokenizerStage(network, corpus, corpus);
        using var dynamics = new DynamicsStage(network, new LatentWindowSource(network, corpus, corpus, latents, shadow));
        var tokMs = Time(i => tokenizer.Step(i, 1e-4));
        dynamics.Begin();
        var dynMs = Time(i => dynamics.Step(i, 1e-4));
        var k = config.Dynamics.ContextFrames;
        return new TrainingBench(config.Train.TokenizerBatch, tokMs, config.Train.TokenizerBatch * 1000.0 / tokMs,
                                 config.Train.DynamicsBatch, k, dynMs, config.Train.DynamicsBatch * k * 1000.0 / dynMs);
    }

    private static double Time(Action<long> step)
    {
        for (var i = 0; i < 2; i++) step(i);
        const int n = 5;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) step(2 + i);
        return clock.Elapsed.TotalMilliseconds / n;
    }

    /// <summary>GFLOP/s of an n x n matrix product in fp32 and bf16 (best of 5 after a warm-up).</summary>
    public static MatmulCeiling Ceiling(int n)
    {
        double Measure(ScalarType dtype)
        {
            using var mode = inference_mode();
            using var scope = NewDisposeScope();
            var a = randn([n, n]).to(dtype);
            var b = randn([n, n]).to(dtype);
            a.matmul(b);
            var best = double.MaxValue;
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                a.matmul(b);
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            return 2.0 * n * n * n / best / 1e9;
        }
        return new MatmulCeiling(n, Measure(ScalarType.Float32), Measure(ScalarType.BFloat16));
    }

    /// <summary>Trunk FLOPs of one new frame: per layer 8 N D^2 (QKV + out), 4 r N D^2 (MLP), 4 K N^2 D (scores and values over K frames).</summary>
    public static double TrunkFlopsPerFrame(long tokens, int width, int depth, int mlpRatio, int contextFrames) =>
        depth * (8.0 * tokens * width * width + 4.0 * mlpRatio * tokens * width * width + 4.0 * contextFrames * tokens * tokens * width);

    private static DynamicsFlops Flops(string modelDir, CheckpointManifest manifest, double fps, MatmulCeiling ceiling)
    {
        var (_, network) = Checkpoint.Load(modelDir);
        using (network)
        {
            var d = manifest.Config.Dynamics;
            var n = network.Tokenizer.TokensPerFrame;
            var gflop = TrunkFlopsPerFrame(n, d.Width, d.Depth, d.MlpRatio, d.ContextFrames) / 1e9;
            var achieved = gflop * fps;
            return new DynamicsFlops(n, d.Width, d.Depth, d.ContextFrames, gflop, achieved, achieved / ceiling.Fp32Gflops);
        }
    }

    /// <summary>Peak resident memory of this process (VmHWM, Linux); falls back to the peak working set.</summary>
    public static double PeakMemoryMiB()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>Checks that the environment fits the checkpoint before anything heavy runs.</summary>
    public static void CheckEnvironment(string modelDir, IEnvironment env) => ModelEnvironmentMatch.Check(Checkpoint.ReadManifest(modelDir).World, env.Spec, modelDir);
}
