namespace Orrery.Core.Streams;

/// <summary>One frame's stream values by stream name; each array has its <see cref="StreamSpec.Size"/> floats.</summary>
public sealed class StreamValues : Dictionary<string, float[]>
{
    public StreamValues() : base(StringComparer.Ordinal) { }

    public StreamValues(IEnumerable<KeyValuePair<string, float[]>> values) : base(values, StringComparer.Ordinal) { }

    /// <summary>No streams.</summary>
    public static StreamValues Empty => new();
}
