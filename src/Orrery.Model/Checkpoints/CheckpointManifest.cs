using System.Text.Json.Serialization;
using Orrery.Core.Spaces;
using Orrery.Model.Configs;

namespace Orrery.Model.Checkpoints;

/// <summary>manifest.json of a checkpoint: what the weights are, what made them, and how well they did.</summary>
public sealed record CheckpointManifest
{
    /// <summary>The model family this code writes; version 1 manifests (no world) are upgraded on reading.</summary>
    public const string CurrentModelVersion = "orrery-world-model-v2";

    /// <summary>The first model family: frames and action names only, no environment, no streams.</summary>
    public const string Version1 = "orrery-world-model-v1";

    public string ModelVersion { get; init; } = CurrentModelVersion;

    /// <summary>The resolved config the weights were built from.</summary>
    public ModelConfig Config { get; init; } = new();

    /// <summary>The world of the training data: environment and parameters, fps, frames, action space, streams.</summary>
    public required WorldSpec World { get; init; }

    [JsonIgnore]
    public ObservationSpec Observation => World.Observation;

    /// <summary>"regression" or "flow" (the same as Config.Dynamics.Head, here for readers of the manifest).</summary>
    public DynamicsHead Head { get; init; } = DynamicsHead.Regression;

    public IReadOnlyList<string> DatasetFingerprints { get; init; } = [];

    /// <summary>WeightsSha256 of the checkpoint this one was fine-tuned from (its datasets are in that manifest), or null.</summary>
    public string? InitializedFromSha256 { get; init; }

    /// <summary>Orrery.Core.Versioning.CodeVersion.GitCommit of the training binary.</summary>
    public string CodeVersion { get; init; } = "unknown";

    public long TokenizerSteps { get; init; }

    public long DynamicsSteps { get; init; }

    /// <summary>Stage 3 (decoder on the dynamics' rollouts) steps; 0 for runs without one.</summary>
    public long DecoderSteps { get; init; }

    public double WallTimeSeconds { get; init; }

    /// <summary>Validation metrics by name, e.g. "val_recon_psnr", "val_tf_psnr", "val_copy_psnr" (dB).</summary>
    public IReadOnlyDictionary<string, double> Validation { get; init; } = new Dictionary<string, double>();

    /// <summary>sha256 of model.safetensors, lower-case hex.</summary>
    public string WeightsSha256 { get; init; } = "";

    public DateTime CreatedUtc { get; init; }
}
