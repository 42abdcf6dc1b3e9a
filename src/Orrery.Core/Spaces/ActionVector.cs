using System.Globalization;
using System.Text.Json.Serialization;

namespace Orrery.Core.Spaces;

/// <summary>
/// One action as it flows through every layer: a vector of floats. A discrete action is the one-element vector of
/// its index; a continuous action has one element per dimension of its box. <see cref="Unknown"/> is the action of
/// a frame whose cause is not recorded (the first frame of an episode, action-free video): it is not the no-op,
/// which is a real action of a space (<see cref="ActionSpace.Noop"/>).
/// </summary>
[JsonConverter(typeof(ActionVectorJsonConverter))]
public readonly struct ActionVector : IEquatable<ActionVector>
{
    private readonly float[]? values;

    private ActionVector(float[] values) => this.values = values;

    /// <summary>The action is not known (action-free video, an episode's first frame).</summary>
    public static ActionVector Unknown => default;

    /// <summary>Discrete action number <paramref name="index"/>.</summary>
    public static ActionVector Discrete(int index) => new([index]);

    /// <summary>A continuous action (copied).</summary>
    public static ActionVector Continuous(params ReadOnlySpan<float> values) => new(values.ToArray());

    public bool IsUnknown => values is null;

    /// <summary>The elements (empty for Unknown).</summary>
    public ReadOnlySpan<float> Values => values;

    /// <summary>Number of elements (0 for Unknown).</summary>
    public int Length => values?.Length ?? 0;

    /// <summary>The index of a discrete action; -1 for Unknown (the value datasets store for it).</summary>
    public int Index => values is null ? -1 : (int)values[0];

    public bool Equals(ActionVector other) =>
        values is null ? other.values is null : other.values is not null && values.AsSpan().SequenceEqual(other.values);

    public override bool Equals(object? obj) => obj is ActionVector other && Equals(other);

    public override int GetHashCode()
    {
        if (values is null) return 0;
        var hash = new HashCode();
        foreach (var v in values) hash.Add(v);
        return hash.ToHashCode();
    }

    public static bool operator ==(ActionVector left, ActionVector right) => left.Equals(right);

    public static bool operator !=(ActionVector left, ActionVector right) => !left.Equals(right);

    /// <summary>"unknown" or the elements as a JSON-style array, e.g. [0.3, -0.7].</summary>
    public override string ToString() =>
        values is null ? "unknown" : "[" + string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
