namespace Orrery.Core.Streams;

/// <summary>
/// A named per-frame float vector beside the frames (`state`, `reward`, `success`, later `audio`): one value per
/// field each frame, in <see cref="Unit"/>, meaning what <see cref="Meaning"/> says.
/// </summary>
public sealed record StreamSpec(string Name, IReadOnlyList<string> Fields, string Unit, string Meaning)
{
    /// <summary>Floats per frame.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Size => Fields.Count;

    /// <summary>Where field <paramref name="name"/> sits in a frame's values.</summary>
    public int Field(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
            if (Fields[i] == name) return i;
        throw new ArgumentException($"stream '{Name}' has no field '{name}'", nameof(name));
    }

    public bool Equals(StreamSpec? other) =>
        other is not null && Name == other.Name && Fields.SequenceEqual(other.Fields) && Unit == other.Unit && Meaning == other.Meaning;

    public override int GetHashCode() => HashCode.Combine(Name, Fields.Count, Unit);
}
