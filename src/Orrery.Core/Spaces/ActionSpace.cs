using Orrery.Core.Errors;

namespace Orrery.Core.Spaces;

/// <summary>What an agent may do: a discrete set of named actions, or a continuous box.</summary>
public abstract record ActionSpace
{
    /// <summary>"discrete" or "box", as written to manifests.</summary>
    public abstract string Kind { get; }
}

/// <summary>A discrete action space; action i is named Names[i]. Index 0 is the null action (noop).</summary>
public sealed record DiscreteActionSpace(IReadOnlyList<string> Names) : ActionSpace
{
    public override string Kind => "discrete";

    public int Count => Names.Count;

    /// <summary>Index of a named action; an unknown name is a user error that lists the valid ones.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new OrreryException($"unknown action '{name}'; expected one of: {string.Join(", ", Names)}");
    }

    /// <summary>Checks an action index, naming the valid range when it is out of it.</summary>
    public int Validate(int action) =>
        action >= 0 && action < Names.Count
            ? action
            : throw new OrreryException($"unknown action {action}; expected 0..{Names.Count - 1} ({string.Join(", ", Names)})");

    public bool Equals(DiscreteActionSpace? other) => other is not null && Names.SequenceEqual(other.Names);

    public override int GetHashCode() => Names.Aggregate(17, (h, n) => h * 31 + n.GetHashCode(StringComparison.Ordinal));
}

/// <summary>A continuous action space: a vector of Low.Length floats, each within [Low[i], High[i]].</summary>
public sealed record BoxActionSpace(IReadOnlyList<float> Low, IReadOnlyList<float> High) : ActionSpace
{
    public override string Kind => "box";

    public int Dimensions => Low.Count;

    public bool Equals(BoxActionSpace? other) => other is not null && Low.SequenceEqual(other.Low) && High.SequenceEqual(other.High);

    public override int GetHashCode() => HashCode.Combine(Low.Count, High.Count);
}
