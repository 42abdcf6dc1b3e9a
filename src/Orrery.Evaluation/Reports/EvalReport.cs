namespace Orrery.Evaluation.Reports;

/// <summary>
/// Everything `orrery eval` measured, as written by --json (schema docs/schemas/eval.schema.json, version
/// <see cref="SchemaVersion"/>). Protocol "environment" fills Fidelity..Stability; protocol "video" fills VideoPrediction.
/// </summary>
public sealed record EvalReport
{
    public const string SchemaVersion = "orrery.eval/2";

    public string Schema { get; init; } = SchemaVersion;

    /// <summary>"environment" (maze worlds, actions) or "video" (dataset, action-free protocol).</summary>
    public required string Protocol { get; init; }

    /// <summary>The command line that made this report.</summary>
    public required string Command { get; init; }

    public required ModelInfo Model { get; init; }

    public required EvalSettings Settings { get; init; }

    public FidelityReport? Fidelity { get; init; }

    public IReadOnlyList<PredictorScore>? TeacherForced { get; init; }

    public IdmReport? Idm { get; init; }

    public PlausibilityReport? Plausibility { get; init; }

    public LoopClosureReport? LoopClosure { get; init; }

    public IReadOnlyList<StabilityReport>? Stability { get; init; }

    public VideoPredictionReport? VideoPrediction { get; init; }

    /// <summary>Protocols left out and why (e.g. the IDM on a box action space); null when none was.</summary>
    public IReadOnlyList<string>? Skipped { get; init; }
}

/// <summary>Which model was evaluated: its folder and the SHA-256 of its weights file (from the verified manifest).</summary>
public sealed record ModelInfo(string Path, string WeightsSha256, string? Name)
{
    public static ModelInfo Of(string checkpointDir, Model.WorldModel model) =>
        new(System.IO.Path.GetFullPath(checkpointDir), model.Manifest.WeightsSha256, model.Manifest.ModelVersion);

    /// <summary>"path (sha256 abcdef123456)", as figure captions print it.</summary>
    public override string ToString() => $"{Path} (weights sha256 {WeightsSha256})";
}

/// <summary>The settings of an eval run, resolved (defaults filled in).</summary>
public sealed record EvalSettings
{
    public string? Env { get; init; }

    public string? Data { get; init; }

    public IReadOnlyList<int> Worlds { get; init; } = [];

    public IReadOnlyList<int> UnseenWorlds { get; init; } = [];

    public int Episodes { get; init; }

    public int Seed { get; init; }

    public IReadOnlyList<int> Horizons { get; init; } = [];

    public int Context { get; init; }

    public string? Policy { get; init; }

    public int StabilityFrames { get; init; }
}

/// <summary>Mean and std of PSNR (dB) and SSIM over a set of frames, for one predictor.</summary>
public sealed record PredictorScore(string Name, MeanStd Psnr, MeanStd Ssim);
