using Orrery.Evaluation.InverseDynamics;
using Orrery.Evaluation.Plausibility;

namespace Orrery.Evaluation.Protocols;

/// <summary>Settings of the environment protocol of `orrery eval`, with the command's defaults.</summary>
public sealed record EnvironmentEvalOptions
{
    public string Env { get; init; } = "maze";

    /// <summary>Square frame size; the CLI takes it from the model's observation spec.</summary>
    public int Resolution { get; init; } = 64;

    /// <summary>Worlds the model was trained on.</summary>
    public IReadOnlyList<int> Worlds { get; init; } = [0, 1, 2, 3];

    /// <summary>Worlds it never saw (may be empty).</summary>
    public IReadOnlyList<int> UnseenWorlds { get; init; } = [];

    /// <summary>Episodes per world.</summary>
    public int Episodes { get; init; } = 8;

    public int Seed { get; init; }

    /// <summary>Open-loop horizons in frames after the context (h = the h-th generated frame).</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [1, 4, 16, 64, 256];

    /// <summary>Real frames given before the first prediction.</summary>
    public int Context { get; init; } = 4;

    /// <summary>Policy that chooses the actions of the fidelity episodes.</summary>
    public string Policy { get; init; } = "explorer";

    public string? Script { get; init; }

    /// <summary>Frames of each stability rollout (0 skips the protocol).</summary>
    public int StabilityFrames { get; init; } = 10_000;

    /// <summary>Policies of the stability rollouts.</summary>
    public IReadOnlyList<string> StabilityPolicies { get; init; } = ["random", "explorer"];

    /// <summary>Corridor loop durations in seconds (empty skips the loop-closure protocol).</summary>
    public IReadOnlyList<double> LoopDurations { get; init; } = LoopClosureProtocol.DefaultDurations;

    /// <summary>
    /// Worlds of the loops: geometry loops run in the first this many seen worlds, memory loops in the first this many
    /// unseen worlds (seen ones when the run has none).
    /// </summary>
    public int LoopWorlds { get; init; } = 1;

    /// <summary>Rollout frames the plausibility judge is scored at (empty skips the protocol; its judge then gives loops no verdict).</summary>
    public IReadOnlyList<int> PlausibilityPoints { get; init; } = PlausibilityProtocol.DefaultPoints;

    /// <summary>Policies of the plausibility rollouts.</summary>
    public IReadOnlyList<string> PlausibilityPolicies { get; init; } = ["random", "explorer"];

    /// <summary>Model rollouts per policy, and as many real reference episodes; a quarter of each is held out for scoring.</summary>
    public int PlausibilityRollouts { get; init; } = 6;

    /// <summary>Consecutive frames taken from each rollout at each point.</summary>
    public int PlausibilityWindow { get; init; } = 32;

    public JudgeOptions Judge { get; init; } = new();

    /// <summary>Frames per episode given to teacher forcing.</summary>
    public int TeacherForcedFrames { get; init; } = 64;

    /// <summary>Cache root for trained IDMs; null means <see cref="IdmCache.Root"/> (ORRERY_CACHE, XDG_CACHE_HOME or ~/.cache/orrery).</summary>
    public string? CacheRoot { get; init; }

    /// <summary>IDM training settings; null skips the IDM protocol.</summary>
    public IdmOptions? Idm { get; init; } = new();
}
