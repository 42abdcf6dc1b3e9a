using Orrery.Model;
using Orrery.Model.Configs;
using Orrery.Model.Device;

namespace Orrery.Runtime.Sessions;

/// <summary>Opens a checkpoint folder as a model for live sessions (on any thread; afterwards one thread at a time uses it).</summary>
public static class SessionModels
{
    // One intra-op thread: a frame step is small, and on a 2-core machine the second core serves the web server and
    // encoding. Two OpenMP threads competing with other work measured 64 ms per maze-v1 step against 19 ms for one
    // (bench/StepProbe.cs, while a training run held the other core).
    // bf16 where the CPU accelerates it: 1.5x the frame rate at 46 dB from the fp32 frames (docs/benchmarks.md).
    public static WorldModel Load(string checkpointDir) =>
        WorldModel.Load(checkpointDir, new WorldModelOptions { Threads = 1, Precision = TorchRuntime.HasBf16Acceleration ? NumericPrecision.Bf16 : NumericPrecision.Fp32 });
}
