namespace Orrery.Evaluation.Benchmarks;

/// <summary>What `orrery bench model` measured (written by --json; numbers are for this machine at this moment).</summary>
public sealed record ModelBenchReport(string Model, string WeightsSha256, int Threads, IReadOnlyList<SessionsBench> Interactive,
                                      TrainingBench Training, MatmulCeiling Ceiling, DynamicsFlops Dynamics, PrecisionComparison Precision,
                                      double PeakMemoryMiB);

/// <summary>S sessions stepped together in one batched Step call: per-call latency percentiles and frames per second over all sessions.</summary>
public sealed record SessionsBench(string Precision, int Sessions, int Steps, double P50Ms, double P99Ms, double MeanMs, double FramesPerSecond,
                                   double PerSessionFps);

/// <summary>Training throughput: frames per second through one optimiser step of each stage.</summary>
public sealed record TrainingBench(int TokenizerBatch, double TokenizerStepMs, double TokenizerFramesPerSecond,
                                   int DynamicsBatch, int DynamicsFramesPerWindow, double DynamicsStepMs, double DynamicsFramesPerSecond);

/// <summary>The machine's matrix-product ceiling through libtorch (square n x n, GFLOP/s = 2 n^3 / time).</summary>
public sealed record MatmulCeiling(int Size, double Fp32Gflops, double Bf16Gflops);

/// <summary>
/// Analytic FLOPs of one interactive dynamics step (trunk only: projections, MLP, attention over a full K-frame cache)
/// and the rate achieved at batch 1 (whole Step incl. decoder, so a lower bound) as a fraction of the matmul ceiling.
/// </summary>
public sealed record DynamicsFlops(long TokensPerFrame, int Width, int Depth, int ContextFrames, double GflopPerFrame, double AchievedGflops,
                                   double FractionOfFp32Ceiling);

/// <summary>fp32 vs bf16: speed at batch 1 and how far apart their rollouts drift (PSNR of bf16 frames against fp32 frames).</summary>
public sealed record PrecisionComparison(double Fp32Fps, double Bf16Fps, double Speedup, int Frames, double MeanPsnrBf16VsFp32, double LastPsnrBf16VsFp32);
