using Orrery.Core.Spaces;

namespace Orrery.Core.Environments;

/// <summary>
/// A Gym-style ground-truth simulator. Fully deterministic: the same Reset seed and the same actions
/// give the same frames, bit for bit.
/// </summary>
public interface IEnvironment
{
    /// <summary>Registered name, e.g. "maze".</summary>
    string Name { get; }

    ObservationSpec ObservationSpec { get; }

    DiscreteActionSpace ActionSpace { get; }

    /// <summary>Frames per second of the simulation clock (24 by default).</summary>
    int Fps { get; }

    /// <summary>Starts a new episode; the seed chooses the start pose. Returns the first observation (HWC uint8).</summary>
    byte[] Reset(int seed);

    /// <summary>Advances one frame under the action.</summary>
    StepResult Step(int action);
}

/// <summary>What one Step returns: observation (HWC uint8), reward, done flag and free-form info.</summary>
public sealed record StepResult(byte[] Observation, float Reward, bool Done, IReadOnlyDictionary<string, object> Info);
