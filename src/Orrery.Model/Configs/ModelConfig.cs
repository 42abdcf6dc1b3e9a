namespace Orrery.Model.Configs;

/// <summary>Everything that defines a world model and its training; the checkpoint stores the resolved record.</summary>
public sealed record ModelConfig
{
    public TokenizerConfig Tokenizer { get; init; } = new();

    public DynamicsConfig Dynamics { get; init; } = new();

    public TrainConfig Train { get; init; } = new();

    /// <summary>
    /// Streams the model predicts, one head each (e.g. state, reward, success). Null in a preset or override means
    /// every stream of the training data; a checkpoint records the resolved list ([] for none).
    /// </summary>
    public IReadOnlyList<string>? StreamHeads { get; init; }
}
