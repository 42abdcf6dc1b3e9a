using Orrery.Data.Sampling;
using Orrery.Model;
using Orrery.Model.Memory;
using Orrery.Training.Latents;
using Orrery.Training.Precision;
using Orrery.Training.Stages;
using Orrery.Training.Validation;

namespace Orrery.Training.Sampling;

/// <summary>
/// What the stages that train on cached latents (dynamics, decoder) draw from: windows of K+1+E latents of the
/// training episodes, the network their dynamics passes compute in, and the next-frame validation on held-out latents.
/// </summary>
public sealed class LatentWindowSource(WorldModelNetwork network, TrainingCorpus train, TrainingCorpus validation, LatentCache latents, PrecisionShadow shadow)
{
    private readonly WindowSampler windows = train.Windows(DynamicsWindow.Length(network.Config));
    private readonly MemoryIndex? trainMemory = MemoryOf(network, train);
    private readonly MemoryIndex? validationMemory = MemoryOf(network, validation);

    /// <summary>Frames per window.</summary>
    public int Length => windows.Length;

    public LatentCache Latents => latents;

    /// <summary>The training episodes the windows are drawn from.</summary>
    public TrainingCorpus Train => train;

    /// <summary>
    /// Readies a step, before its dispose scope opens (the scope would free what is built here): the latents are
    /// encoded, and the network to compute in exists and holds the current fp32 weights.
    /// </summary>
    public WorldModelNetwork BeginStep()
    {
        latents.Train(network);
        var compute = shadow.Compute;
        shadow.Refresh();
        return compute;
    }

    /// <summary>Random windows with their next actions: latents (B, L, N, C), actions (B, L-1).</summary>
    public LatentWindowBatch Sample(Random rng, int count) =>
        LatentWindowBatch.Sample(train, latents.Train(network), windows, rng, count);

    /// <summary>
    /// The frames a batch's windows recall for window frames [from, from + count), as its rollouts would (null without
    /// a memory), queried by `compute`'s key head: latents (B, count, M, N, C), slot features (B, count, M, 2S+1).
    /// </summary>
    public MemoryInput? Recall(WorldModelNetwork compute, LatentWindowBatch batch, int from, int count) =>
        trainMemory?.Recall(compute, latents.Train(network), batch.Origins, batch.NextActions, from, count);

    /// <summary>Gives the compute network's gradients to the fp32 weights (nothing to do in fp32).</summary>
    public void HandGradients() => shadow.HandGradients();

    /// <summary>Teacher-forced and copy-last next-frame PSNRs on the validation latents.</summary>
    public IReadOnlyList<(string Key, double Value)> Validate() =>
        ValidationPsnr.NextFrameMetrics(network, validation, latents.Validation(network), validationMemory);

    private static MemoryIndex? MemoryOf(WorldModelNetwork network, TrainingCorpus corpus)
    {
        var d = network.Config.Dynamics;
        return d.MemoryStream is { } stream
            ? new MemoryIndex(corpus, stream, d.ResolvedMemoryFrames, d.ResolvedMemoryMergeDistance, d.MemoryMinAge)
            : null;
    }
}
