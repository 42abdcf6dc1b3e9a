using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Baselines;

/// <summary>Baseline: the future is the last context observation (frame and streams), forever. Perfect on a static scene.</summary>
public sealed class CopyLastFrame(WorldSpec world) : FixedFrameBaseline(world)
{
    public override string Name => "copy-last";

    protected override Observation Answer(SimulatorStart start) => start.Context[^1];
}
