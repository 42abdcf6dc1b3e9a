using Orrery.Core.Errors;
using Orrery.Core.Spaces;

namespace Orrery.Data.Format;

/// <summary>
/// One recorded trajectory. Frames are (T,H,W,C) uint8; Actions[t] produced frames[t] from frames[t-1] (Actions[0] is
/// <see cref="ActionVector.Unknown"/>, as is every action of action-free video); Streams[name] holds T rows of that
/// stream's size, row t observed on arriving at frames[t].
/// </summary>
public sealed record Episode(int Index, ObservationSpec Spec, byte[] Frames, ActionVector[] Actions, IReadOnlyDictionary<string, float[]> Streams)
{
    public int Length => Actions.Length;

    /// <summary>Frame t as a (H,W,C) slice.</summary>
    public ReadOnlyMemory<byte> Frame(int t) => Frames.AsMemory(t * Spec.FrameBytes, Spec.FrameBytes);

    /// <summary>All rows of stream <paramref name="name"/>, (T * size) floats; a missing stream is an error naming it.</summary>
    public float[] Stream(string name) =>
        Streams.TryGetValue(name, out var values)
            ? values
            : throw new OrreryException($"episode {Index} has no stream '{name}'; it has: {string.Join(", ", Streams.Keys)}");
}
