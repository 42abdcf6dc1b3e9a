using Orrery.Core.Streams;

namespace Orrery.Core.Spaces;

/// <summary>
/// What a world is, as datasets, checkpoints and simulators record it: the environment that made it (and its
/// parameters), its clock, its frames, its actions and its streams. A model's checkpoint carries the WorldSpec of its
/// training data, so no layer needs to guess which world it came from.
/// </summary>
public sealed record WorldSpec
{
    /// <summary>Registered environment name ("maze", "reach"), or "" for imported video.</summary>
    public string Environment { get; init; } = "";

    /// <summary>Environment parameters that made the frames, e.g. world and resolution, as text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public int Fps { get; init; } = 24;

    public required ObservationSpec Observation { get; init; }

    /// <summary>The action space; null for action-free video.</summary>
    public ActionSpace? Actions { get; init; }

    public IReadOnlyList<StreamSpec> Streams { get; init; } = [];

    /// <summary>The stream named <paramref name="name"/>, or null.</summary>
    public StreamSpec? Stream(string name) => Streams.FirstOrDefault(s => s.Name == name);

    public bool Equals(WorldSpec? other) =>
        other is not null && Environment == other.Environment && Fps == other.Fps && Observation == other.Observation
        && Equals(Actions, other.Actions) && Streams.SequenceEqual(other.Streams)
        && Parameters.Count == other.Parameters.Count && Parameters.All(p => other.Parameters.TryGetValue(p.Key, out var v) && v == p.Value);

    public override int GetHashCode() => HashCode.Combine(Environment, Fps, Observation);
}
