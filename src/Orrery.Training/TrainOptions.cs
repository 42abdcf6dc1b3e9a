using Orrery.Training.Latents;

namespace Orrery.Training;

/// <summary>How long and how a training run goes; the model itself is defined by the ModelConfig.</summary>
public sealed record TrainOptions
{
    /// <summary>Wall-clock budget for stages 1 and 2 (encoding the latents included), split by TrainConfig.TokenizerTimeShare; null = step counts decide.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>Total steps of stages 1 and 2, split by TrainConfig.TokenizerTimeShare; null = config step counts (or the budget).</summary>
    public long? TotalSteps { get; init; }

    /// <summary>Continue from RUN_DIR/train-state exactly where it stopped.</summary>
    public bool Resume { get; init; }

    /// <summary>Checkpoint folder whose weights start a new run (fine-tuning); tensors the config resized start fresh.</summary>
    public string? InitFrom { get; init; }

    /// <summary>
    /// With <see cref="InitFrom"/>: tensors whose names begin with one of these (e.g. "head.", "dynamics.keyHead.") start
    /// from fresh weights, so a replaced or resized module need not match the parent's; a prefix that names no tensor is
    /// an error, so a typo cannot silently keep the parent's weights.
    /// </summary>
    public IReadOnlyList<string> Fresh { get; init; } = [];

    /// <summary>Stop (saving state, as on Ctrl-C) once this many steps are done; for tests and chunked runs.</summary>
    public long? StopAfterStep { get; init; }

    /// <summary>torch threads; default all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    public CancellationToken Cancel { get; init; }

    /// <summary>Called after every step (and after validations) on the training thread.</summary>
    public Action<TrainProgress>? Progress { get; init; }

    /// <summary>Called after every batch of frames encoded into latents (before the dynamics stage), on the training thread.</summary>
    public Action<EncodingProgress>? Encoding { get; init; }

    /// <summary>Write RUN_DIR/metrics.jsonl; tests switch it off.</summary>
    public bool WriteMetrics { get; init; } = true;
}
