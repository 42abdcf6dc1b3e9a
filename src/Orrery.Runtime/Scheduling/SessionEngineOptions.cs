namespace Orrery.Runtime.Scheduling;

/// <summary>Settings of the inference thread.</summary>
public sealed record SessionEngineOptions
{
    /// <summary>Most sessions of one simulator stepped in one batched call.</summary>
    public int MaxBatch { get; init; } = 16;

    /// <summary>
    /// False runs no thread: work runs inline on the caller's thread and ticks happen only on Pump(), so tests can
    /// drive the clock by hand (count-based, never timed).
    /// </summary>
    public bool StartThread { get; init; } = true;
}
