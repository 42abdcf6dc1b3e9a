using System.Globalization;
using System.Text.Json.Serialization;
using Orrery.Core.Errors;

namespace Orrery.Core.Spaces;

/// <summary>The two kinds of action space.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionKind>))]
public enum ActionKind
{
    /// <summary>A set of named actions; an action is one index.</summary>
    Discrete,

    /// <summary>A box of floats with bounds per dimension.</summary>
    Box,
}

/// <summary>
/// What an agent may do: a discrete set of named actions, or a continuous box. Every layer checks actions with
/// <see cref="Validate(ActionVector)"/>, which refuses (never clips) a wrong length, NaN, infinity, or a value outside the space.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DiscreteActionSpace), "discrete")]
[JsonDerivedType(typeof(BoxActionSpace), "box")]
public abstract record ActionSpace
{
    [JsonIgnore]
    public abstract ActionKind Kind { get; }

    /// <summary>Elements in one action vector: 1 for discrete (the index), the box's dimensions for a box.</summary>
    [JsonIgnore]
    public abstract int Dimensions { get; }

    /// <summary>The action that does nothing: the named no-op of a discrete space, the zero vector of a box.</summary>
    [JsonIgnore]
    public abstract ActionVector Noop { get; }

    /// <summary>Names of the actions (discrete) or of the dimensions (box).</summary>
    public abstract IReadOnlyList<string> Names { get; }

    /// <summary>Returns the action if it belongs to this space; otherwise one clear error naming the value.</summary>
    public ActionVector Validate(ActionVector action) => Validate(action, allowUnknown: false);

    /// <summary>As <see cref="Validate(ActionVector)"/>, optionally letting <see cref="ActionVector.Unknown"/> through.</summary>
    public abstract ActionVector Validate(ActionVector action, bool allowUnknown);

    /// <summary>Reads an action written as a name (discrete), an index, or comma-separated numbers (box).</summary>
    public abstract ActionVector Parse(string text);

    /// <summary>Builds an action from raw numbers (a JSON array, a binary message), then validates it.</summary>
    public ActionVector FromValues(ReadOnlySpan<float> values) =>
        Validate(Kind == ActionKind.Discrete && values.Length == 1 ? ActionVector.Discrete(ToIndex(values[0])) : ActionVector.Continuous(values));

    private static int ToIndex(float value) =>
        float.IsFinite(value) && value == MathF.Round(value) && Math.Abs(value) < 1 << 24
            ? (int)value
            : throw new OrreryException($"action [{value.ToString("R", CultureInfo.InvariantCulture)}]: a discrete action is a whole-number index");

    protected static string Text(float v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A discrete action space; action i is named Names[i], and <see cref="NoopName"/> names the no-op.</summary>
public sealed record DiscreteActionSpace(IReadOnlyList<string> Names, string NoopName = "noop") : ActionSpace
{
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.Discrete;

    [JsonIgnore]
    public override int Dimensions => 1;

    [JsonIgnore]
    public int Count => Names.Count;

    public override IReadOnlyList<string> Names { get; } = Names;

    [JsonIgnore]
    public override ActionVector Noop => ActionVector.Discrete(IndexOf(NoopName));

    /// <summary>Index of a named action; an unknown name is a user error that lists the valid ones.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new OrreryException($"unknown action '{name}'; expected one of: {string.Join(", ", Names)}");
    }

    public override ActionVector Validate(ActionVector action, bool allowUnknown)
    {
        if (action.IsUnknown)
            return allowUnknown ? action : throw new OrreryException($"action: unknown is not an action of this space; expected one of: {string.Join(", ", Names)}");
        if (action.Length != 1)
            throw new OrreryException($"action {action}: a discrete action is one index, found {action.Length} numbers; expected 0..{Count - 1} ({string.Join(", ", Names)})");
        var v = action.Values[0];
        if (!float.IsFinite(v) || v != MathF.Round(v) || v < 0 || v >= Count)
            throw new OrreryException($"unknown action {action}; expected 0..{Count - 1} ({string.Join(", ", Names)})");
        return action;
    }

    public override ActionVector Parse(string text)
    {
        var token = text.Trim();
        return int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
            ? Validate(ActionVector.Discrete(index))
            : ActionVector.Discrete(IndexOf(token));
    }

    public bool Equals(DiscreteActionSpace? other) => other is not null && Names.SequenceEqual(other.Names) && NoopName == other.NoopName;

    public override int GetHashCode() => Names.Aggregate(17, (h, n) => h * 31 + n.GetHashCode(StringComparison.Ordinal));
}

/// <summary>A continuous action space: a vector of Names.Count floats, element i within [Low[i], High[i]].</summary>
public sealed record BoxActionSpace : ActionSpace
{
    public BoxActionSpace(IReadOnlyList<string> names, IReadOnlyList<float> low, IReadOnlyList<float> high)
    {
        if (names.Count == 0 || low.Count != names.Count || high.Count != names.Count)
            throw new OrreryException($"box action space: {names.Count} names, {low.Count} lower and {high.Count} upper bounds; expected the same positive count");
        for (var i = 0; i < names.Count; i++)
            if (!(low[i] <= high[i]) || !float.IsFinite(low[i]) || !float.IsFinite(high[i]))
                throw new OrreryException($"box action space: dimension '{names[i]}' has bounds [{Text(low[i])}, {Text(high[i])}]; expected finite low <= high");
        Names = names;
        Low = low;
        High = high;
    }

    [JsonIgnore]
    public override ActionKind Kind => ActionKind.Box;

    [JsonIgnore]
    public override int Dimensions => Names.Count;

    public override IReadOnlyList<string> Names { get; }

    public IReadOnlyList<float> Low { get; }

    public IReadOnlyList<float> High { get; }

    /// <summary>The zero vector, clamped into the box (the no-op of torques and velocities).</summary>
    [JsonIgnore]
    public override ActionVector Noop => ActionVector.Continuous(Enumerable.Range(0, Dimensions).Select(i => Math.Clamp(0f, Low[i], High[i])).ToArray());

    public override ActionVector Validate(ActionVector action, bool allowUnknown)
    {
        if (action.IsUnknown)
            return allowUnknown ? action : throw new OrreryException($"action: unknown is not an action of this box; expected {Dimensions} numbers ({string.Join(", ", Names)})");
        if (action.Length != Dimensions)
            throw new OrreryException($"action {action}: expected {Dimensions} numbers ({string.Join(", ", Names)}), found {action.Length}");
        var v = action.Values;
        for (var i = 0; i < Dimensions; i++)
        {
            if (!float.IsFinite(v[i]))
                throw new OrreryException($"action {action}: '{Names[i]}' is {Text(v[i])}; expected a finite number in [{Text(Low[i])}, {Text(High[i])}]");
            if (v[i] < Low[i] || v[i] > High[i])
                throw new OrreryException($"action {action}: '{Names[i]}' = {Text(v[i])} is outside [{Text(Low[i])}, {Text(High[i])}] (actions are refused, not clipped)");
        }
        return action;
    }

    public override ActionVector Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new OrreryException($"action '{text}': '{parts[i]}' is not a number; a box action is {Dimensions} comma-separated numbers ({string.Join(", ", Names)})");
        return Validate(ActionVector.Continuous(values));
    }

    public bool Equals(BoxActionSpace? other) =>
        other is not null && Names.SequenceEqual(other.Names) && Low.SequenceEqual(other.Low) && High.SequenceEqual(other.High);

    public override int GetHashCode() => HashCode.Combine(Dimensions, Names.Count > 0 ? Names[0] : "");
}
