namespace Orrery.Evaluation.Plausibility;

/// <summary>How a plausibility judge is trained. The defaults take about ten seconds on 2 CPU cores at 64x64.</summary>
public sealed record JudgeOptions
{
    /// <summary>Optimizer steps.</summary>
    public int Steps { get; init; } = 400;

    /// <summary>Frames per step, half real and half the other kind.</summary>
    public int BatchSize { get; init; } = 32;

    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Width of the first convolution (the rest are twice this).</summary>
    public int Width { get; init; } = 16;

    /// <summary>Fraction of each class's groups (rollouts) held out for scoring.</summary>
    public double HeldOut { get; init; } = 0.25;

    public int Seed { get; init; } = 4321;
}
