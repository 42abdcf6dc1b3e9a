namespace Orrery.Evaluation.InverseDynamics;

/// <summary>How the inverse-dynamics model is trained. The defaults take about four minutes on 2 shared CPU cores at 64x64 (once: the IDM is cached).</summary>
public sealed record IdmOptions
{
    /// <summary>Real (frame, frame, action) pairs collected with uniformly random actions; a fifth is held out.</summary>
    public int Pairs { get; init; } = 12_000;

    /// <summary>Steps per environment episode before a reset with a new seed (more start poses, more variety).</summary>
    public int EpisodeLength { get; init; } = 200;

    public int Epochs { get; init; } = 12;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Width of the first convolution (the rest are twice this).</summary>
    public int Width { get; init; } = 32;

    public int Seed { get; init; } = 1234;
}
