using Orrery.Model.Checkpoints;

namespace Orrery.Training;

/// <summary>What a run produced: the final checkpoint (or the one saved on interruption) and its numbers.</summary>
public sealed record TrainResult(string CheckpointDir, CheckpointManifest Manifest, bool Completed, long Steps);
