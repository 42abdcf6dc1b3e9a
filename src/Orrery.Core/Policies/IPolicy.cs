namespace Orrery.Core.Policies;

/// <summary>Chooses actions for data collection or evaluation. Deterministic given the seed passed to Reset.</summary>
public interface IPolicy
{
    /// <summary>Registered name, e.g. "random", "explorer", "scripted".</summary>
    string Name { get; }

    /// <summary>Starts a new episode; all randomness derives from this seed.</summary>
    void Reset(int seed);

    /// <summary>The next action index, given the latest observation (HWC uint8) and the step number within the episode.</summary>
    int Act(ReadOnlySpan<byte> observation, int step);
}
