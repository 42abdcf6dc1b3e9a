namespace Orrery.Evaluation.InverseDynamics;

/// <summary>How the inverse-dynamics model is trained. The defaults take about two minutes on 2 shared CPU cores at 64x64 (once: the IDM is cached).</summary>
public sealed record IdmOptions
{
    /// <summary>Real (frame, frame, action) pairs collected with uniformly random actions; a fifth is held out.</summary>
    public int Pairs { get; init; } = 12_000;

    /// <summary>Steps per environment episode before a reset with a new seed (more start poses, more variety).</summary>
    public int EpisodeLength { get; init; } = 200;

    public int Epochs { get; init; } = 8;

    public int BatchSize { get; init; } = 64;

    /// <summary>Peak of the one-cycle schedule (warm up, then anneal to near zero by the last batch).</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Width of the first convolution (the rest are twice this).</summary>
    public int Width { get; init; } = 32;

    /// <summary>
    /// Mirror half of each batch left to right and swap every "left" action with its "right" twin (turn-left with
    /// turn-right, strafe-left with strafe-right); off, or a no-op, when the actions have no such twins.
    /// </summary>
    public bool Mirror { get; init; } = true;

    public int Seed { get; init; } = 1234;
}
