using Orrery.Core.Spaces;

namespace Orrery.Model.Policies;

/// <summary>
/// policy.json beside a learned policy's weights: what it reads and does, and how it was made (the data's
/// fingerprints, the training settings and result, the code version), so a ranking can name exactly which policy it ranked.
/// </summary>
public sealed record PolicyManifest
{
    public const string CurrentVersion = "orrery-policy-v1";

    public string PolicyVersion { get; init; } = CurrentVersion;

    /// <summary>How it was learned: "behaviour-cloning".</summary>
    public required string Method { get; init; }

    /// <summary>The environment whose episodes taught it.</summary>
    public required string Environment { get; init; }

    /// <summary>The stream it reads (e.g. "state") and that stream's field names, in order.</summary>
    public required string StateStream { get; init; }

    public required IReadOnlyList<string> StateFields { get; init; }

    /// <summary>The box it acts in (a learned policy acts only in boxes).</summary>
    public required ActionSpace Actions { get; init; }

    public int Hidden { get; init; }

    public long Steps { get; init; }

    public int Batch { get; init; }

    public double LearningRate { get; init; }

    public int Seed { get; init; }

    /// <summary>Mean squared action error on the training data at the end, and on held-out episodes.</summary>
    public double TrainLoss { get; init; }

    public double HeldOutLoss { get; init; }

    public IReadOnlyList<string> DatasetFingerprints { get; init; } = [];

    public string WeightsSha256 { get; init; } = "";

    public string CodeVersion { get; init; } = "unknown";
}
