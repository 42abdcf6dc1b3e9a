using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Core.Environments;

/// <summary>
/// A Gym-style ground-truth simulator. Fully deterministic: the same Reset seed and the same actions
/// give the same frames and streams, bit for bit.
/// </summary>
public interface IEnvironment
{
    /// <summary>Registered name, e.g. "maze".</summary>
    string Name { get; }

    /// <summary>Frames, actions, streams and clock of this environment (the world a dataset and a model record).</summary>
    WorldSpec Spec { get; }

    /// <summary>Starts a new episode; the seed chooses the start state. Returns the first observation.</summary>
    Observation Reset(int seed);

    /// <summary>Advances one frame under the action (checked with <see cref="ActionSpace.Validate(ActionVector)"/>).</summary>
    StepResult Step(ActionVector action);
}

/// <summary>One frame (HWC uint8) and the streams that go with it.</summary>
public sealed record Observation(byte[] Frame, StreamValues Streams);

/// <summary>What one Step returns: the new observation, whether the episode ended, and free-form info.</summary>
public sealed record StepResult(Observation Observation, bool Done, IReadOnlyDictionary<string, object> Info)
{
    /// <summary>The new frame (HWC uint8).</summary>
    public byte[] Frame => Observation.Frame;

    /// <summary>The reward stream's value, or 0 when the environment has none.</summary>
    public float Reward => Observation.Streams.TryGetValue(StreamNames.Reward, out var r) ? r[0] : 0f;
}
