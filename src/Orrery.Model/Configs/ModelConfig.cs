namespace Orrery.Model.Configs;

/// <summary>Everything that defines a world model and its training; the checkpoint stores the resolved record.</summary>
public sealed record ModelConfig
{
    public TokenizerConfig Tokenizer { get; init; } = new();

    public DynamicsConfig Dynamics { get; init; } = new();

    public TrainConfig Train { get; init; } = new();

}
