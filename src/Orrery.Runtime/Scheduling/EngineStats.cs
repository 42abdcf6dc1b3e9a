namespace Orrery.Runtime.Scheduling;

/// <summary>Counters of the inference thread since start.</summary>
public sealed record EngineStats(long Steps, long Batches, long SkippedTicks, int PendingWork, int Sessions);
