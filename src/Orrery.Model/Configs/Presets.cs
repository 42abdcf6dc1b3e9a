using Orrery.Core.Errors;

namespace Orrery.Model.Configs;

/// <summary>Named starting configurations: "maze-small" (the shipped maze model) and "tiny" (tests, seconds to train).</summary>
public static class Presets
{
    public static IReadOnlyList<string> Names { get; } = ["maze-small", "tiny"];

    public static ModelConfig Get(string name) => name.ToLowerInvariant() switch
    {
        "maze-small" => MazeSmall,
        "tiny" => Tiny,
        _ => throw new OrreryException($"unknown preset '{name}'; expected one of: {string.Join(", ", Names)}"),
    };

    /// <summary>Sized for a 2-core CPU: ~0.4M-parameter tokenizer, 4x192 transformer over 8 frames of 64 tokens.</summary>
    public static ModelConfig MazeSmall { get; } = new();

    /// <summary>A few thousand parameters: for tests and smoke runs.</summary>
    public static ModelConfig Tiny { get; } = new()
    {
        Tokenizer = new TokenizerConfig { LatentChannels = 8, BaseChannels = 8, ResBlocks = 1, Groups = 4 },
        Dynamics = new DynamicsConfig { Width = 32, Depth = 2, Heads = 2, MlpRatio = 2, ContextFrames = 4, FlowWidth = 32, FlowDepth = 1 },
        Train = new TrainConfig
        {
            TokenizerSteps = 200, DynamicsSteps = 200, TokenizerBatch = 8, DynamicsBatch = 4, WarmupSteps = 10,
            TokenizerLearningRate = 3e-3, DynamicsLearningRate = 2e-3, ValidateEvery = 100, SaveEvery = 100,
        },
    };
}
