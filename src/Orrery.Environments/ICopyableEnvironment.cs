using Orrery.Core.Environments;

namespace Orrery.Environments;

/// <summary>
/// An environment that can become an exact copy of another of its kind (same world and resolution) in O(1), so the
/// ground truth forks a rollout without replaying its actions: a planner forks it for every candidate it tries.
/// </summary>
internal interface ICopyableEnvironment : IEnvironment
{
    /// <summary>Takes <paramref name="source"/>'s whole state; afterwards both continue bit for bit alike under the same actions.</summary>
    void CopyFrom(IEnvironment source);
}
