using Orrery.Core.Environments;
using Orrery.Core.Spaces;

namespace Orrery.Core.Policies;

/// <summary>Chooses actions for data collection or evaluation. Deterministic given the seed passed to Reset.</summary>
public interface IPolicy
{
    /// <summary>Registered name, e.g. "random", "explorer", "expert", "scripted".</summary>
    string Name { get; }

    /// <summary>Starts a new episode; all randomness derives from this seed.</summary>
    void Reset(int seed);

    /// <summary>The next action, given the latest observation (frame and streams) and the step number within the episode.</summary>
    ActionVector Act(Observation observation, int step);
}
