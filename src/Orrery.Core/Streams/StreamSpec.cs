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

    public bool Equals(StreamSpec? other) =>
        other is not null && Name == other.Name && Fields.SequenceEqual(other.Fields) && Unit == other.Unit && Meaning == other.Meaning;

    public override int GetHashCode() => HashCode.Combine(Name, Fields.Count, Unit);
}
